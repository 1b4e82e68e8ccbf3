#!/usr/bin/env bash
# A campaign far larger than memory (README "Backlogs"; docs/design.md §3 "the store is the queue"): the load
# generator offers MESSAGES messages flat out in batches of 1,000 to a gateway whose carrier account sends at TPS
# msg/s (the embedded simulator), then waits for every report. Prints what was accepted and how fast, the backlog
# that built up in the store, the most heap the gateway used (sampled every second), and how fast the backlog
# drained. With TPS=stopped the carrier is unreachable: it measures the intake alone (messages/s taken into the
# backlog), and nothing is delivered. With TPS=drain the carrier (a standalone simulator ISMG) starts only once every
# message is in the backlog, and has no TPS limit: it measures how fast a full backlog drains, and the heap meanwhile.
#
#   benchmarks/scripts/backlog.sh <h2|mariadb> <messages> <tps|stopped|drain> [--set path=value ...]
#
# Needs the jars (./mvnw -B -q -DskipTests package) and, for mariadb, mariadbd and mariadb-install-db on the PATH.
# Everything runs in a temporary directory, which is kept and printed.
set -euo pipefail

store=${1:?usage: backlog.sh <h2|mariadb> <messages> <tps|stopped|drain> [--set path=value ...]}
messages=${2:?messages}
tps=${3:?tps, stopped or drain}
shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d -t cmppgw-backlog-XXXXXX)
cd "$work"
pids=()
cleanup() {
    for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do { kill "${pids[$i]}" && wait "${pids[$i]}"; } 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

. "$root/benchmarks/scripts/lib/store.sh"
open_store "$store"

carrier=(--set "providers[0].tps=$tps")
if [ "$tps" = stopped ]; then
    # Port 9 refuses: the provider never logs in and every message waits in the store.
    carrier=(--set simulator.embedded=false --set 'providers[0].port=9')
    grace=0
elif [ "$tps" = drain ]; then
    # Nothing listens on 7890 until the backlog is full; the gateway retries its login meanwhile.
    carrier=(--set simulator.embedded=false --set 'providers[0].port=7890' --set 'providers[0].tps=100000')
    grace=$(( messages / 1000 + 600 ))
else
    grace=$(( messages / tps + 120 ))
fi
java -Xms256m -Xmx${HEAP:-1g} -jar "$root/gateway/target/gateway.jar" --config "$root/config/gateway.yaml" \
    --set limits.backlog.countInterval=2s "${carrier[@]}" "${database[@]}" "$@" >gateway.log 2>&1 &
pids+=($!)
for _ in $(seq 120); do
    curl -s http://127.0.0.1:8081/health/ready | grep -q '"database":"UP"' && break
    sleep 0.5
done

# Heap in use and the backlog, every second, until the run ends.
(
    while sleep 1; do
        heap=$(curl -s http://127.0.0.1:8081/metrics \
            | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%d", sum}')
        waiting=$(curl -s http://127.0.0.1:8081/health/ready \
            | python3 -c 'import json,sys; print(json.load(sys.stdin).get("figures", {}).get("backlogWaitingInStore", 0))')
        echo "$(date +%s) $heap $waiting"
    done
) >samples.txt 2>/dev/null &
pids+=($!)

status=0
java -jar "$root/simulator/target/simulator.jar" load --target http://127.0.0.1:8080 --progress=false \
    --rate 0 --mode batch --batch-size 1000 --messages "$messages" --duration-seconds 3600 \
    --grace-seconds "$grace" --result-file result.json >load.log 2>&1 &
load=$!
if [ "$tps" = drain ]; then
    accepted() {
        curl -s http://127.0.0.1:8081/metrics \
            | awk '/^cmppgw_api_messages_accepted_total/ {sum += $NF} END {printf "%d", sum}'
    }
    while [ "$(accepted)" -lt "$messages" ] && kill -0 "$load" 2>/dev/null; do
        sleep 1
    done
    date +%s.%N >carrier-started
    java -jar "$root/simulator/target/simulator.jar" ismg --port 7890 --metrics-port 0 >ismg.log 2>&1 &
    pids+=($!)
fi
wait "$load" || status=$?
date +%s.%N >load-ended
curl -s http://127.0.0.1:8081/metrics >metrics.txt

python3 - "$tps" <<'PY'
import json, sys
tps = sys.argv[1]
r = json.load(open("result.json"))
samples = [line.split() for line in open("samples.txt") if len(line.split()) == 3]
heap = max((int(s[1]) for s in samples), default=0)
waiting = max((int(s[2]) for s in samples), default=0)
print(f"accepted {r['accepted']} of {r['sentMessages']} in {r['sendSeconds']:.1f} s = {r['acceptedPerSecond']:.0f} msg/s"
      f" into the backlog; refused requests {r['errors']} {r['errorsByCode']}")
print(f"backlog in the store at most {waiting}; gateway heap in use at most {heap / 2**20:.0f} MiB")
if tps == "drain":
    started = float(open("carrier-started").read())
    drain = float(open("load-ended").read()) - started
    during = [int(s[1]) for s in samples if int(s[0]) >= started]
    print(f"carrier started with {r['accepted']} messages in the backlog; reports {r['reports']} (lost {r['lost']},"
          f" pending {r['pending']}, duplicates {r['duplicates']}) within {drain:.1f} s ="
          f" {r['reports'] / drain:.0f} msg/s drained; gateway heap in use during the drain at most"
          f" {max(during, default=0) / 2**20:.0f} MiB")
elif tps != "stopped":
    drain = r['runSeconds']
    print(f"reports {r['reports']} (lost {r['lost']}, pending {r['pending']}, duplicates {r['duplicates']}) after"
          f" {drain:.1f} s = {r['reports'] / drain:.0f} msg/s end to end (carrier tps {tps})")
PY
echo "run directory: $work"
if [ "$tps" = stopped ]; then
    exit 0
fi
exit $status
