#!/usr/bin/env bash
# The console's message search over 1,000,000 messages on MariaDB (issue 10, docs/operations.md "Console"): starts a
# throw-away mariadbd and the gateway on it (its migrations make the schema, its console serves the searches), loads
# ROWS messages (default 1,000,000) accepted over the last 7 days, then times the console's searches over HTTP, one
# request at a time, with lib/ConsoleSearchTimer.java: by msg_id, by mobile, by app + status + a one-day range, and
# pages 2 to 5 of such a search. Prints p50 / p99 / max per search (target: p99 under 200 ms).
#
#   ./mvnw -B -q -DskipTests package && benchmarks/scripts/message-search.sh [requests per search=400]
#
# The spread: 20 apps, the busiest with about a fifth of the messages and the quietest with 2.5 %; 200,000 mobiles,
# about 5 messages each; 90 % delivered, 5 % failed, 4 % submitted and waiting for a report, 1 % accepted and not yet
# submitted (held by a node that is not running, so nothing is sent). Ports: mariadbd on DB_PORT (default 13417), the
# gateway on 18480 / 18481, so that other runs on the machine are not disturbed.
set -euo pipefail
requests=${1:-400}
rows=${ROWS:-1000000}
apps=20
mobiles=200000
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d -t cmppgw-search-XXXXXX)
cd "$work"
pids=()
cleanup() {
    for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do { kill "${pids[$i]}" && wait "${pids[$i]}"; } 2>/dev/null || true; done
    wait 2>/dev/null || true
    drop_store
}
trap cleanup EXIT

export DB_PORT=${DB_PORT:-13417}
. "$root/benchmarks/scripts/lib/store.sh"
open_store mariadb
sql() {
    mariadb --no-defaults -S "$work/mariadb.sock" -uroot cmppgw -e "$1"
}

# the database's own time: every statement over 100 ms goes to the slow log, counted after the run, which tells a
# slow query from a request that waited for a CPU (on a busy machine); set before the gateway opens its connections
sql "SET GLOBAL slow_query_log_file = '$work/slow.log'; SET GLOBAL long_query_time = 0.1;
    SET GLOBAL slow_query_log = 1"
# history kept 60 days: the purge must not remove the loaded week while it is searched
java -Xms512m -Xmx1g -jar "$root/gateway/target/gateway.jar" --config "$root/config/gateway.yaml" \
    --set server.port=18480 --set server.managementPort=18481 --set simulator.embedded=false \
    --set 'providers[0].port=18482' --set history.retentionDays=60 "${database[@]}" >gateway.log 2>&1 &
pids+=($!)
for _ in $(seq 240); do
    curl -s -o /dev/null http://127.0.0.1:18481/health/live && break
    sleep 0.5
done

now_ms=$(( $(date +%s) * 1000 ))
step=$(( 7 * 86400 * 1000 / rows ))
first=$(( now_ms - 3600 * 1000 - rows * step ))
# msg_id as MessageIdGenerator lays it out (milliseconds since 2020-01-01 above 22 bits); the other columns spread
# by multiplicative hashes of the row number, which the timer repeats to ask for rows that exist
at="($first + seq * $step)"
msg_id="((($at - 1577836800000) << 22) + seq % 1024)"
app="CONCAT('bench-app-', LPAD(FLOOR($apps * POW(((seq * 104729) % 1000003) / 1000003, 2)), 2, '0'))"
mobile="CAST(13800000000 + (seq * 7919) % $mobiles AS CHAR)"
fate="((seq * 7) % 100)"
started=$(date +%s)
sql "INSERT INTO message SELECT $msg_id, $app, $mobile, '【演示】您的订单 A1024 已发货，请留意查收。', 1, 1,
        'http://127.0.0.1:9090/callback', 1, $at FROM seq_1_to_$rows;
    INSERT INTO message_final SELECT $msg_id, $app, $mobile, IF($fate < 90, 2, 3), IF($fate < 90, 'DELIVRD', 'UNDELIV'),
        $at + 3000, 1 FROM seq_1_to_$rows WHERE $fate < 95;
    INSERT INTO pending_message (msg_id, node_id, app_key) SELECT $msg_id, 1000, $app FROM seq_1_to_$rows WHERE $fate = 99;
    ANALYZE TABLE message, message_final, pending_message;" >/dev/null
echo "message-search: $(sql 'SELECT COUNT(*) FROM message' | tail -1) messages loaded in $(( $(date +%s) - started )) s"

# the plans of the two searches over an app: a page must walk message_app (app_key, msg_id) backwards
busiest="bench-app-00"
day_from=$(( (first + rows * step / 2 - 1577836800000) << 22 ))
day_to=$(( (first + rows * step / 2 + 86400000 - 1577836800000) << 22 ))
for status in "f.status = 2" "f.msg_id IS NULL AND p.msg_id IS NOT NULL"; do
    sql "EXPLAIN SELECT m.msg_id FROM message m LEFT JOIN message_final f ON f.msg_id = m.msg_id
        LEFT JOIN pending_message p ON p.msg_id = m.msg_id WHERE m.app_key = '$busiest' AND m.msg_id >= $day_from
        AND m.msg_id < $day_to AND $status ORDER BY m.msg_id DESC LIMIT 51" | awk 'NR > 1 {print "  plan:", $0}'
done
java -cp "$root/gateway/target/gateway.jar" "$root/benchmarks/scripts/lib/ConsoleSearchTimer.java" \
    http://127.0.0.1:18481/console demo-operator demo-operator-password "$first" "$step" "$rows" "$apps" "$mobiles" \
    "$requests"
echo "searches over 100 ms in mariadbd: $(grep -c 'FROM message m LEFT JOIN' "$work/slow.log" || true)" \
    "(load average $(cut -d' ' -f1-3 /proc/loadavg))"
