#!/usr/bin/env bash
# What one message costs on durable MariaDB (issue 13, README "Performance"): runs end-to-end.sh mariadb and reads,
# around the measured run only (not the warm-up), the statements that reached mariadbd, the rows they wrote and read
# (Handler_read_key: index lookups, Handler_read_next: index range steps, Handler_read_rnd_next: table scan rows),
# InnoDB's fsyncs and redo bytes (SHOW GLOBAL STATUS), and the CPU time of the gateway JVM and of mariadbd
# (/proc/<pid>/stat), and of the load generator's measured run, then prints each per accepted message.
#
#   benchmarks/scripts/per-message.sh <rate msg/s> [seconds=60] [--set path=value ...]
#
# The CPU figures include what the run's traffic costs after its last send (reports and callbacks still owed, within
# end-to-end.sh's grace). The gateway's figure includes its embedded simulator, as in the end-to-end runs; the
# "simulator" line is that share alone (the CPU of the gateway JVM's ismg-* threads), which a gateway machine serving
# real carriers does not spend.
#
# A second block gives the same counters over WINDOW seconds (default 20; 0 for none) in the middle of the measured
# run, per message accepted in that window (the API's counter in /metrics): the steady state, as issue 13 measured
# it, without the run's first seconds or its tail.
#
# The warm-up is longer here than end-to-end.sh's default: WARMUP seconds (default 240) at WARMUP_RATE (default the
# run's rate). After 60 s at 2,000/s the gateway's JIT compilers still took about a tenth of its CPU during the run
# (6 µs per message at 5,000/s, 2026-12-06); after 240 s at 5,000/s, 0.2 µs. The "jit compilers" line shows
# what they took: a start-up cost of the gateway, not a cost per message.
set -euo pipefail
rate=${1:?usage: per-message.sh <rate> [seconds] [--set path=value ...]}
seconds=${2:-60}
shift $(( $# < 2 ? $# : 2 ))
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d -t cmppgw-per-message-XXXXXX)
export WARMUP=${WARMUP:-240} WARMUP_RATE=${WARMUP_RATE:-$rate}

# Run by end-to-end.sh before and after the measured run, with DB_SOCKET set: one file of counters each time.
cat >"$out/snapshot.sh" <<'SNAPSHOT'
f=$(dirname "$0")/$1
mariadb --no-defaults -S "$DB_SOCKET" -uroot -N -e "SHOW GLOBAL STATUS" \
    | awk '$1 ~ /^(Questions|Com_(insert|update|delete|select|commit|replace|insert_select))$/ ||
           $1 ~ /^(Handler_(write|update|delete|read_rnd_next|read_key|read_next)|Rows_read|Innodb_(data_fsyncs|os_log_written))$/ {print $1, $2}' >"$f"
# this checkout's gateway: other gateways (another checkout's benchmark) may run on the machine
gateway=$(pgrep -f "$GATEWAY_JAR" | head -1)
mariadbd=$(pgrep -f "mariadbd --no-defaults --datadir=$(dirname "$DB_SOCKET")" | head -1)
echo "cpu_gateway $(awk '{print $14 + $15}' "/proc/$gateway/stat")" >>"$f"
echo "cpu_mariadbd $(awk '{print $14 + $15}' "/proc/$mariadbd/stat")" >>"$f"
# thread_ticks <pattern>: the CPU ticks of the gateway's threads whose name matches
thread_ticks() {
    for t in /proc/$gateway/task/*; do
        case $(cat "$t/comm" 2>/dev/null) in $1) awk '{print $14 + $15}' "$t/stat" 2>/dev/null ;; esac
    done | awk '{s += $1} END {print s + 0}'
}
# the embedded simulator's threads (the carrier's side, which a dedicated gateway machine does not run)
echo "cpu_simulator $(thread_ticks 'ismg-*')" >>"$f"
# the JIT compiler threads (C1, C2): what is left of the gateway's warm-up
echo "cpu_jit $(thread_ticks 'C[12] CompilerThre*')" >>"$f"
# the load generator, between its warm-up and the run (it has exited by the "after" snapshot)
load=$(pgrep -f "$LOAD_PATTERN" | head -1)
[ "$1" = before ] && [ -n "$load" ] && awk '{print $14 + $15}' "/proc/$load/stat" >"$(dirname "$0")/loadgen-before"
# while it runs (the window's snapshots): its CPU and the messages the API has accepted so far
[ -n "$load" ] && echo "cpu_load_generator $(awk '{print $14 + $15}' "/proc/$load/stat")" >>"$f"
echo "api_accepted $(curl -s http://127.0.0.1:8081/metrics \
    | awk '/^cmppgw_api_messages_accepted_total/ {s += $NF} END {printf "%d", s}')" >>"$f"
true
SNAPSHOT
window=${WINDOW:-20}
lead=$(( (seconds - window) / 2 ))
# Started by BEFORE_RUN in the background: the window's two snapshots, in the middle of the measured run.
cat >"$out/window.sh" <<WINDOW
sleep $lead
bash "$out/snapshot.sh" window-start
sleep $window
bash "$out/snapshot.sh" window-end
WINDOW
before_run="bash $out/snapshot.sh before"
if [ "$window" -gt 0 ] && [ "$lead" -ge 5 ]; then
    before_run="$before_run; bash $out/window.sh >$out/window.log 2>&1 &"
fi
export GATEWAY_JAR="$root/gateway/target/gateway.jar"
. "$here/lib/loadgen.sh"
sample_loadgen_ticks "$out/loadgen-ticks"
BEFORE_RUN="$before_run" AFTER_RUN="bash $out/snapshot.sh after" \
    "$here/end-to-end.sh" mariadb "$rate" "$seconds" "$@" | tee "$out/run.log"
kill "$sampler" 2>/dev/null || true

accepted=$(awk '$1 == "accepted" {print $2; exit}' "$out/run.log")
hz=$(getconf CLK_TCK)
# gateway_share <ticks> <messages> <label> <which threads>: a part of the gateway's CPU, per message
gateway_share() {
    awk -v d="$1" -v n="$2" -v hz="$hz" -v label="$3" -v which="$4" \
        'BEGIN {printf "  %-16s %8.1f µs CPU of the gateway'"'"'s, %s\n", label, d / hz / n * 1e6, which}'
}
# per_message <first snapshot> <second snapshot> <messages>: each counter's growth between them, per message
per_message() {
    join <(sort "$1") <(sort "$2") | while read -r name before after; do
        delta=$(( after - before ))
        case $name in
            api_accepted) ;;
            cpu_simulator) gateway_share "$delta" "$3" simulator "in its embedded simulator (ismg-* threads)" ;;
            cpu_jit) gateway_share "$delta" "$3" "jit compilers" "in its JIT compiler threads (warm-up left)" ;;
            cpu_*) awk -v d="$delta" -v n="$3" -v hz="$hz" -v name="${name#cpu_}" \
                       'BEGIN {gsub("_", " ", name); printf "  %-16s %8.1f µs CPU\n", name, d / hz / n * 1e6}' ;;
            Innodb_os_log_written) awk -v d="$delta" -v n="$3" -v name="$name" \
                       'BEGIN {printf "  %-16s %8.0f bytes of redo log\n", name, d / n}' ;;
            Innodb_data_fsyncs) awk -v d="$delta" -v n="$3" -v name="$name" \
                       'BEGIN {printf "  %-16s %8.3f fsyncs\n", name, d / n}' ;;
            Handler_*|Rows_read) awk -v d="$delta" -v n="$3" -v name="$name" \
                       'BEGIN {printf "  %-16s %8.2f rows\n", name, d / n}' ;;
            *) awk -v d="$delta" -v n="$3" -v name="$name" \
                       'BEGIN {printf "  %-16s %8.2f statements\n", name, d / n}' ;;
        esac
    done
}
echo "per accepted message ($accepted messages, run of ${seconds} s at ${rate}/s):"
per_message "$out/before" "$out/after" "$accepted"
if [ -f "$out/loadgen-ticks" ] && [ -f "$out/loadgen-before" ]; then
    awk -v d="$(( $(cat "$out/loadgen-ticks") - $(cat "$out/loadgen-before") ))" -v n="$accepted" -v hz="$hz" \
        'BEGIN {printf "  %-16s %8.1f µs CPU (the run and its callbacks, not its warm-up)\n", "load generator",
                d / hz / n * 1e6}'
fi
if [ -f "$out/window-start" ] && [ -f "$out/window-end" ]; then
    in_window=$(( $(awk '$1 == "api_accepted" {print $2}' "$out/window-end") \
        - $(awk '$1 == "api_accepted" {print $2}' "$out/window-start") ))
    echo "per message accepted in the ${window} s in the middle of the run ($in_window messages):"
    per_message "$out/window-start" "$out/window-end" "$in_window"
fi
echo "counters in $out"
