#!/usr/bin/env bash
# Inserts old, finished messages into the gateway's MariaDB for the history purge to remove (docs/operations.md
# "History and expiry"): 2^DOUBLINGS messages (default 20: 1,048,576) accepted and final ten days ago, each with its
# message, carrier_submit and message_final rows, as the end-to-end run writes them. INSERT ... SELECT doubling.
#
#   DB_SOCKET=/path/mariadb.sock benchmarks/scripts/old-history.sh
set -euo pipefail
socket=${DB_SOCKET:?DB_SOCKET: the mariadb socket}
doublings=${DOUBLINGS:-20}
sql() {
    mariadb --no-defaults -S "$socket" -uroot cmppgw -e "$1"
}
now_ms=$(( $(date +%s) * 1000 ))
at=$(( now_ms - 10 * 86400 * 1000 ))
# MessageIdGenerator: milliseconds since 2020-01-01 above 22 bits of node and sequence.
first=$(( (at - 1577836800000) << 22 ))
cut=$(( (now_ms - 9 * 86400 * 1000 - 1577836800000) << 22 ))
started=$(date +%s)
sql "INSERT INTO message VALUES ($first, 'demo-app-key-0001', '13900000000',
    '【演示】您的验证码是 123456，5 分钟内有效。', 1, 2, 'http://127.0.0.1:9090/callback', 1, $at)"
for _ in $(seq "$doublings"); do
    sql "SET @n = (SELECT COUNT(*) FROM message WHERE msg_id < $cut);
        INSERT INTO message SELECT msg_id + @n, app_key, mobile, content, template_id, priority, callback_url, parts,
            accepted_at FROM message WHERE msg_id < $cut"
done
sql "INSERT INTO carrier_submit (provider, carrier_msg_id, msg_id, part_no, part_count, result, submitted_at)
        SELECT 'demo-cmpp', msg_id, msg_id, 1, 1, 0, accepted_at + 100 FROM message WHERE msg_id < $cut;
    INSERT INTO message_final SELECT msg_id, app_key, mobile, 2, 'DELIVRD', accepted_at + 2000, 0 FROM message
        WHERE msg_id < $cut"
echo "old-history: $(sql "SELECT COUNT(*) FROM message WHERE msg_id < $cut" | tail -1) messages ten days old," \
    "loaded in $(( $(date +%s) - started )) s"
