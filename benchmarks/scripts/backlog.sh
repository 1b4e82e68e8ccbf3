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
# CODES_RATE=N (default 0 = off; needs a tps) adds verification codes in the middle of the campaign (issue 13): a
# second load generator in code mode posts N codes/s to /v1/codes (template 2, added as a code template) from the
# start of the campaign for nine tenths of its drain time (messages / tps), with its own callback receiver on port
# 8091 (added as the demo app's second callback URL, sent as callback_url). A code outranks the campaign's
# notifications in the queue, so it should not wait for them (README "Backlogs"). Two more lines: codes accepted,
# reported, lost and duplicated, with their latency from the API's answer to the report (the embedded carrier then
# reports at once instead of 500 ms after the submit; the campaign's figures do not depend on it); and, read from
# the store once the gateway has stopped, each code's wait from its accept to its first SUBMIT, while the campaign
# was still being offered and while it drained: the criterion itself, which the first line cannot bound when the
# API's answer comes late.
# PORT_OFFSET=N (default 0) moves the gateway's ports (8080, 8081), the embedded carrier's (7890) and the load
# generators' callback receivers (8090, 8091) up by N, so a run does not disturb another one on the machine (for
# mariadb set DB_PORT too).
#
# Needs the jars (./mvnw -B -q -DskipTests package) and, for mariadb, mariadbd and mariadb-install-db on the PATH.
# Everything runs in a temporary directory, which is kept and printed; its database files are removed at the end
# unless KEEP_DB=1.
set -euo pipefail

store=${1:?usage: backlog.sh <h2|mariadb> <messages> <tps|stopped|drain> [--set path=value ...]}
messages=${2:?messages}
tps=${3:?tps, stopped or drain}
shift 3
codes_rate=${CODES_RATE:-0}
if [ "$codes_rate" != 0 ] && { [ "$tps" = stopped ] || [ "$tps" = drain ]; }; then
    echo "backlog.sh: CODES_RATE=$codes_rate needs a carrier tps (with $tps the codes would only wait in the backlog)" >&2
    exit 2
fi
offset=${PORT_OFFSET:-0}
api_port=$(( 8080 + offset ))
management=http://127.0.0.1:$(( 8081 + offset ))
cmpp_port=$(( 7890 + offset ))
callback_port=$(( 8090 + offset ))
codes_callback_port=$(( 8091 + offset ))
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d -t cmppgw-backlog-XXXXXX)
cd "$work"
pids=()
cleanup() {
    for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do { kill "${pids[$i]}" && wait "${pids[$i]}"; } 2>/dev/null || true; done
    wait 2>/dev/null || true
    drop_store
}
trap cleanup EXIT

. "$root/benchmarks/scripts/lib/store.sh"
open_store "$store"

carrier=(--set "providers[0].tps=$tps")
ports=()
if [ "$offset" != 0 ]; then
    ports=(--set "server.port=$api_port" --set "server.managementPort=$(( 8081 + offset ))"
        --set "simulator.port=$cmpp_port" --set "providers[0].port=$cmpp_port"
        --set "apps[0].callbackUrls[0].url=http://127.0.0.1:$callback_port/callback")
fi
codes=()
if [ "$codes_rate" != 0 ]; then
    printf 'ismg:\n  reports:\n    delay: {distribution: fixed, millis: 0}\n' >carrier.yaml
    codes=(--set 'templates[1].id=2' --set 'templates[1].content=Your login code is {{code}}'
        --set 'templates[1].type=code' --set "apps[0].callbackUrls[1].url=http://127.0.0.1:$codes_callback_port/callback"
        --set "simulator.config=$work/carrier.yaml")
fi
if [ "$tps" = stopped ]; then
    # Port 9 refuses: the provider never logs in and every message waits in the store.
    carrier=(--set simulator.embedded=false --set 'providers[0].port=9')
    grace=0
elif [ "$tps" = drain ]; then
    # Nothing listens on 7890 until the backlog is full; the gateway retries its login meanwhile.
    carrier=(--set simulator.embedded=false --set "providers[0].port=$cmpp_port" --set 'providers[0].tps=100000')
    grace=$(( messages / 1000 + 600 ))
else
    grace=$(( messages / tps + 120 ))
fi
java -Xms256m -Xmx${HEAP:-1g} -jar "$root/gateway/target/gateway.jar" --config "$root/config/gateway.yaml" \
    --set limits.backlog.countInterval=2s "${ports[@]}" "${carrier[@]}" "${codes[@]}" "${database[@]}" "$@" \
    >gateway.log 2>&1 &
gateway=$!
pids+=($gateway)
for _ in $(seq 120); do
    curl -s "$management/health/ready" | grep -q '"database":"UP"' && break
    sleep 0.5
done

# Heap in use and the backlog, every second, until the run ends.
(
    while sleep 1; do
        heap=$(curl -s "$management/metrics" \
            | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%d", sum}')
        waiting=$(curl -s "$management/health/ready" \
            | python3 -c 'import json,sys; print(json.load(sys.stdin).get("figures", {}).get("backlogWaitingInStore", 0))')
        echo "$(date +%s) $heap $waiting"
    done
) >samples.txt 2>/dev/null &
pids+=($!)

status=0
java -jar "$root/simulator/target/simulator.jar" load --target "http://127.0.0.1:$api_port" --progress=false \
    --rate 0 --mode batch --batch-size 1000 --messages "$messages" --duration-seconds 3600 \
    --grace-seconds "$grace" --callback-port "$callback_port" --result-file result.json >load.log 2>&1 &
load=$!
if [ "$codes_rate" != 0 ]; then
    # Nine tenths of the drain time: every code is sent while the campaign still waits in the backlog.
    codes_seconds=$(( messages * 9 / (tps * 10) ))
    codes_seconds=$(( codes_seconds > 0 ? codes_seconds : 1 ))
    java -jar "$root/simulator/target/simulator.jar" load --target "http://127.0.0.1:$api_port" --progress=false \
        --mode code --temp-id 2 --rate "$codes_rate" --duration-seconds "$codes_seconds" \
        --grace-seconds 60 --mobile-start 13900000000 --callback-port "$codes_callback_port" --send-callback-url \
        --result-file codes.json >codes.log 2>&1 &
    codes_load=$!
fi
if [ "$tps" = drain ]; then
    accepted() {
        curl -s "$management/metrics" \
            | awk '/^cmppgw_api_messages_accepted_total/ {sum += $NF} END {printf "%d", sum}'
    }
    while [ "$(accepted)" -lt "$messages" ] && kill -0 "$load" 2>/dev/null; do
        sleep 1
    done
    date +%s.%N >carrier-started
    java -jar "$root/simulator/target/simulator.jar" ismg --port "$cmpp_port" --metrics-port 0 >ismg.log 2>&1 &
    pids+=($!)
fi
wait "$load" || status=$?
date +%s.%N >load-ended
if [ "$codes_rate" != 0 ]; then
    codes_status=0
    wait "$codes_load" || codes_status=$?
    if [ "$status" = 0 ]; then
        status=$codes_status
    fi
fi
curl -s "$management/metrics" >metrics.txt
if [ "$codes_rate" != 0 ]; then
    # When the campaign's last message and each code were accepted, and each code first submitted (epoch ms). H2 lets
    # one process open its file, so the gateway stops first.
    { kill "$gateway" && wait "$gateway"; } 2>/dev/null || true
    codes_sql="SELECT MAX(accepted_at) FROM message WHERE template_id = 1;
        SELECT m.accepted_at, MIN(s.submitted_at) FROM message m JOIN carrier_submit s ON s.msg_id = m.msg_id
        WHERE m.template_id = 2 GROUP BY m.msg_id, m.accepted_at"
    if [ "$store" = h2 ]; then
        java -cp "$root/gateway/target/gateway.jar" org.h2.tools.Shell -user sa \
            -url 'jdbc:h2:file:./data/cmppgw;MODE=MariaDB;DATABASE_TO_LOWER=TRUE' -sql "$codes_sql" \
            >codes-store.txt 2>&1 || true
    else
        mariadb --no-defaults -S "$work/mariadb.sock" -uroot -N -B cmppgw -e "$codes_sql" >codes-store.txt 2>&1 || true
    fi
fi

python3 - "$tps" <<'PY'
import json, os, sys
tps = sys.argv[1]
r = json.load(open("result.json"))
samples = [line.split() for line in open("samples.txt") if len(line.split()) == 3]
heap = max((int(s[1]) for s in samples), default=0)
waiting = max((int(s[2]) for s in samples), default=0)
print(f"accepted {r['accepted']} of {r['sentMessages']} in {r['sendSeconds']:.1f} s = {r['acceptedPerSecond']:.0f} msg/s"
      f" into the backlog; refused requests {r['errors']} {r['errorsByCode']}")
# backlogWaitingInStore counts the queue rows no node holds in memory: 0 while the whole backlog fits in
# limits.dispatchQueueCapacity (10,000 by default), e.g. a small campaign to a carrier that keeps pace.
print(f"backlog in the store at most {waiting} (beyond what memory held); gateway heap in use at most"
      f" {heap / 2**20:.0f} MiB")
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
if os.environ.get("CODES_RATE", "0") != "0" and not os.path.exists("codes.json"):
    print("codes: no result (the code run failed, see codes.log)")
elif os.path.exists("codes.json"):
    c = json.load(open("codes.json"))
    lat = c['callbackLatency']
    print(f"codes {c['accepted']} accepted of {c['sentMessages']} at {c['rate']}/s during the campaign, refused"
          f" {c['errors']} {c['errorsByCode']}; reported {c['reports']} (lost {c['lost']}, pending {c['pending']},"
          f" duplicates {c['duplicates']}); accept -> report p50 {lat['p50Ms']:.0f} ms, p99 {lat['p99Ms']:.0f} ms,"
          f" max {lat['maxMs']:.0f} ms")
if os.path.exists("codes-store.txt"):
    rows = [line.replace("|", " ").split() for line in open("codes-store.txt")]
    rows = [[int(x) for x in row] for row in rows if row and all(x.isdigit() for x in row)]
    offered_until = next((row[0] for row in rows if len(row) == 1), 0)
    waits = [(row[0], row[1] - row[0]) for row in rows if len(row) == 2]
    def summary(codes):
        v = sorted(wait for _, wait in codes)
        if not v:
            return "none"
        at = lambda p: v[min(len(v) - 1, max(0, -(-p * len(v) // 100) - 1))]
        return (f"{len(v)} codes p50 {at(50)} ms, p99 {at(99)} ms, max {v[-1]} ms,"
                f" {sum(1 for w in v if w > 1000)} over 1 s")
    print(f"codes in the store, accept -> first submit: {summary(waits)}; while the campaign was offered"
          f" {summary([c for c in waits if c[0] <= offered_until])}; while it drained"
          f" {summary([c for c in waits if c[0] > offered_until])}")
PY
echo "run directory: $work"
if [ "$tps" = stopped ]; then
    exit 0
fi
exit $status
