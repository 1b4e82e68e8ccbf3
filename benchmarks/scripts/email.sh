#!/usr/bin/env bash
# Email throughput (issue 11 "Performance", README "Performance"): the simulator's SMTP sink with STARTTLS and AUTH
# on 127.0.0.1, then end-to-end.sh with one SMTP provider pointed at it (the sink's self-signed certificate accepted
# with the documented trustAll, docs/operations.md "SMTP providers") and the load generator in email mode. Prints
# the load generator's summary (emails/s accepted and reported, latencies, lost), what the sink received against
# the connections it accepted, and the CPU each process used during the measured run.
#
#   benchmarks/scripts/email.sh <h2|mariadb> <rate emails/s> [seconds=60] [--set path=value ...]
#
# SMTP_CONNECTIONS (default 8): the provider's reused connections. BATCH (default 50): to addresses per request.
# BODY_BYTES (default 1024): each mail's text body. SMTP_PORT / SMTP_METRICS_PORT (12525 / 12526): the sink's.
# WARMUP (default 90) and WARMUP_RATE (default: the measured rate) as in end-to-end.sh: on 2 shared cores the JIT
# still compiled the TLS ciphers and Jakarta Mail's header code for most of a minute after a 30 s warm-up at 1,000/s
# (jstat -compiler), a quarter of the gateway's CPU in the run. Needs the jars
# (./mvnw -B -q -DskipTests package) and for mariadb what end-to-end.sh needs.
set -euo pipefail
store=${1:?usage: email.sh <h2|mariadb> <rate> [seconds] [--set path=value ...]}
rate=${2:?rate}
seconds=${3:-60}
shift $(( $# < 3 ? $# : 3 ))
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib/loadgen.sh"
out=$(mktemp -d -t cmppgw-email-XXXXXX)
smtp_port=${SMTP_PORT:-12525}
metrics_port=${SMTP_METRICS_PORT:-12526}
connections=${SMTP_CONNECTIONS:-8}

sink=""
sampler=""
cleanup() {
    for pid in $sampler $sink; do
        { kill "$pid" && wait "$pid"; } 2>/dev/null || true
    done
}
trap cleanup EXIT

(cd "$out" && exec java -Xmx512m -jar "$root/simulator/target/simulator.jar" smtp --port "$smtp_port" \
    --tls-port -1 --starttls --user gateway:gateway-secret --auth-required --metrics-port "$metrics_port" \
    >"$out/smtp.log" 2>&1) &
sink=$!
sink_metrics() {
    curl -sf "http://127.0.0.1:$metrics_port/metrics"
}
for _ in $(seq 60); do
    sink_metrics >/dev/null && break
    sleep 0.5
done
sink_metrics >/dev/null || { echo "the SMTP sink did not start (see $out/smtp.log)" >&2; exit 1; }

# Run by end-to-end.sh around the measured run (not the warm-up): CPU ticks of each process, the machine's busy
# ticks (every process, other sessions' too), the load average, and the sink's counters.
cat >"$out/snapshot.sh" <<SNAPSHOT
f=$out/\$1
: >"\$f"
cpu() { [ -n "\$2" ] && echo "cpu_\$1 \$(awk '{print \$14 + \$15}' "/proc/\$2/stat")" >>"\$f"; }
cpu gateway "\$(pgrep -f "$root/gateway/target/gateway.jar" | head -1)"
cpu sink "$sink"
# the load generator: the JVM that warms up, runs this, then the measured run (gone by the "after" snapshot)
cpu loadgen "\$(pgrep -f "$LOAD_PATTERN" | head -1)"
[ -n "\${DB_SOCKET:-}" ] && cpu mariadbd "\$(pgrep -f "mariadbd --no-defaults --datadir=\$(dirname "\$DB_SOCKET")" | head -1)"
echo "cpu_machine \$(awk '/^cpu / {print \$2 + \$3 + \$4 + \$7 + \$8}' /proc/stat)" >>"\$f"
uptime >"$out/uptime-\$1"
echo "wall \$(date +%s%N)" >>"\$f"
curl -sf "http://127.0.0.1:$metrics_port/metrics" | awk '/^simulator_smtp_(messages|sessions)_total/ {print \$1, \$2}' >>"\$f"
SNAPSHOT

# The last sample less the load generator's ticks at the "before" snapshot (after its warm-up) is (nearly) what the
# measured run used.
sample_loadgen_ticks "$out/loadgen-ticks"

status=0
LOAD_ARGS="--mode email --batch-size ${BATCH:-50} --email-body-bytes ${BODY_BYTES:-1024}" \
WARMUP=${WARMUP:-90} WARMUP_RATE=${WARMUP_RATE:-$rate} \
BEFORE_RUN="bash $out/snapshot.sh before" AFTER_RUN="bash $out/snapshot.sh after" \
    "$here/end-to-end.sh" "$store" "$rate" "$seconds" \
    --set 'emailProviders[0].name=sink' --set 'emailProviders[0].host=127.0.0.1' \
    --set "emailProviders[0].port=$smtp_port" --set 'emailProviders[0].encryption=STARTTLS' \
    --set 'emailProviders[0].trustAll=true' --set 'emailProviders[0].account=gateway' \
    --set 'emailProviders[0].password=gateway-secret' --set 'emailProviders[0].senderAddress=noreply@example.com' \
    --set "emailProviders[0].connections=$connections" --set 'emailProviders[0].tps=100000' \
    "$@" | tee "$out/run.log" || status=$?

if [ -f "$out/before" ] && [ -f "$out/after" ]; then
    accepted=$(awk '$1 == "accepted" {print $2; exit}' "$out/run.log")
    hz=$(getconf CLK_TCK)
    # CPU shares are over the measured window: the run and its last reports, until AFTER_RUN
    wall=$(join <(sort "$out/before") <(sort "$out/after") | awk '$1 == "wall" {printf "%.3f", ($3 - $2) / 1e9}')
    echo "measured run ($accepted emails at ${rate}/s for ${seconds} s, $connections SMTP connections; CPU over the"
    echo "${wall} s from the first send to the last report or the end of the grace):"
    join <(sort "$out/before") <(sort "$out/after") | while read -r name before after; do
        delta=$(( ${after%.*} - ${before%.*} ))
        case $name in
            cpu_*) awk -v d="$delta" -v n="$accepted" -v hz="$hz" -v s="$wall" -v name="${name#cpu_}" \
                       'BEGIN {printf "  %-22s %7.1f%% of a core  %7.1f µs CPU per email\n", name,
                               d / hz / s * 100, (n > 0 ? d / hz / n * 1e6 : 0)}' ;;
            simulator_smtp_messages_total) echo "  sink: mails received    $delta" ;;
            simulator_smtp_sessions_total) echo "  sink: connections opened $delta" ;;
        esac
    done
    warm=$(awk '$1 == "cpu_loadgen" {print $2}' "$out/before")
    if [ -f "$out/loadgen-ticks" ] && [ -n "$warm" ]; then
        awk -v d="$(( $(cat "$out/loadgen-ticks") - warm ))" -v n="$accepted" -v hz="$hz" -v s="$wall" \
            'BEGIN {printf "  %-22s %7.1f%% of a core  %7.1f µs CPU per email (its grace included)\n",
                    "load generator", d / hz / s * 100, (n > 0 ? d / hz / n * 1e6 : 0)}'
    fi
    echo "  load average: before $(sed 's/.*load average: //' "$out/uptime-before"), after $(sed \
        's/.*load average: //' "$out/uptime-after")"
fi
echo "sink since start: $(sink_metrics | awk '/^simulator_smtp_(messages|sessions|auth_failures)_total/ \
    {printf "%s %d  ", $1, $2}')"
echo "email run files: $out"
exit $status
