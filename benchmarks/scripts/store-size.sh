#!/usr/bin/env bash
# Bytes on disk per message in the gateway's MariaDB (docs/operations.md "History and expiry"): data_length +
# index_length of every table after ANALYZE TABLE, divided by the messages stored.
#
#   DB_SOCKET=/path/mariadb.sock benchmarks/scripts/store-size.sh
set -euo pipefail
socket=${DB_SOCKET:?DB_SOCKET: the mariadb socket}
sql() {
    mariadb --no-defaults -S "$socket" -uroot cmppgw -N -e "$1"
}
tables=$(sql "SELECT GROUP_CONCAT(table_name) FROM information_schema.tables WHERE table_schema = 'cmppgw'")
sql "ANALYZE TABLE ${tables}" >/dev/null
messages=$(sql "SELECT COUNT(*) FROM message")
echo "store-size: $messages messages"
sql "SELECT table_name, table_rows, data_length, index_length,
        ROUND((data_length + index_length) / GREATEST($messages, 1)) AS bytes_per_message
     FROM information_schema.tables WHERE table_schema = 'cmppgw' AND data_length + index_length > 16384
     ORDER BY data_length + index_length DESC"
sql "SELECT 'all tables', SUM(table_rows), SUM(data_length), SUM(index_length),
        ROUND(SUM(data_length + index_length) / GREATEST($messages, 1))
     FROM information_schema.tables WHERE table_schema = 'cmppgw'"
