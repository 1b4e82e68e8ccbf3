#!/usr/bin/env bash
# End-to-end throughput run (README "Performance"): gateway + embedded simulator + load generator, and for
# "mariadb" a throw-away mariadbd with innodb_flush_log_at_trx_commit=1, all on this machine.
#
#   benchmarks/scripts/end-to-end.sh <h2|mariadb> <rate msg/s> [seconds=60] [--set path=value ...]
#
# Needs the jars (./mvnw -B -q -DskipTests package) and, for mariadb, mariadbd and mariadb-install-db on the PATH
# (Debian: apt-get install mariadb-server). Warms the JIT first with WARMUP seconds (default 60) at WARMUP_RATE
# msg/s (default 2000), in the load generator's JVM before its measured run; set WARMUP=0 to skip. Everything runs
# in a temporary directory, which is kept and printed; its database files are removed at the end unless KEEP_DB=1.
# AFTER_START, when set, is a shell command run once the gateway is ready, before the warm-up (e.g. the operator calls
# that give the demo app a balance for a run with --set billing.enabled=true, README "Performance").
# BEFORE_RUN and AFTER_RUN, when set, are shell commands run after the warm-up and after the run, with DB_SOCKET
# naming the mariadb socket (e.g. benchmarks/scripts/old-history.sh to give the purge work, docs/operations.md
# "History and expiry").
# LOAD_ARGS, when set, are more options for the load generator, for its warm-up and run (e.g. "--mode email
# --batch-size 50", as benchmarks/scripts/email.sh passes them).
set -euo pipefail

store=${1:?usage: end-to-end.sh <h2|mariadb> <rate> [seconds] [--set path=value ...]}
rate=${2:?rate}
seconds=${3:-60}
shift $(( $# < 3 ? $# : 3 ))
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d -t cmppgw-e2e-XXXXXX)
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

java -Xms1g -Xmx2g -jar "$root/gateway/target/gateway.jar" --config "$root/config/gateway.yaml" \
    --set 'providers[0].tps=100000' "${database[@]}" "$@" >gateway.log 2>&1 &
pids+=($!)
for _ in $(seq 120); do
    curl -sf http://127.0.0.1:8081/health/ready >/dev/null && break
    sleep 0.5
done

if [ -n "${AFTER_START:-}" ]; then
    bash -c "$AFTER_START"
fi
load() {
    # shellcheck disable=SC2086 # LOAD_ARGS is a list of options
    java -jar "$root/simulator/target/simulator.jar" load --target http://127.0.0.1:8080 --progress=false \
        ${LOAD_ARGS:-} "$@"
}
# The warm-up runs in the measured run's own JVM (load --warmup-seconds), so that the run does not pay the load
# generator's JIT: a fresh generator JVM compiling on the same 2 cores slowed the gateway's first ten seconds and set
# the report latency's p99.
phases=()
if [ "${WARMUP:-60}" -gt 0 ]; then
    phases+=(--warmup-seconds "${WARMUP:-60}" --warmup-rate "${WARMUP_RATE:-2000}" --warmup-mobile-start 13900000000)
fi
if [ -n "${BEFORE_RUN:-}" ]; then
    phases+=(--before-run "$BEFORE_RUN")
fi
status=0
DB_SOCKET="$work/mariadb.sock" load "${phases[@]}" --rate "$rate" --duration-seconds "$seconds" --grace-seconds 120 \
    --result-file result.json || status=$?
curl -s http://127.0.0.1:8081/metrics >metrics.txt
if [ -n "${AFTER_RUN:-}" ]; then
    DB_SOCKET="$work/mariadb.sock" bash -c "$AFTER_RUN"
fi
echo "run directory: $work"
exit $status
