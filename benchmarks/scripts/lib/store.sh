# Sourced by the benchmark scripts: the store a run uses. `open_store <h2|mariadb>` sets the array `database` to the
# gateway's --set options. For mariadb it starts a throw-away mariadbd with durable commits
# (innodb_flush_log_at_trx_commit=1) on DB_PORT (default 13306) in "$work", and adds its pid to "pids" so the
# script's cleanup stops it. Needs mariadbd, mariadb-install-db and mariadb on the PATH (Debian: mariadb-server).
# MARIADB_ARGS, when set, is added to mariadbd's options (e.g. --performance-schema=ON to see where its time goes).
# `drop_store`, from the script's cleanup once the gateway and mariadbd have stopped, removes the run's database files
# (H2's or mariadbd's: 0.5-2 GB after a minute at 5,000 msg/s, so runs in a row fill a disk) unless KEEP_DB=1; the
# logs, metrics and results stay.
open_store() {
    database=()
    if [ "$1" = h2 ]; then
        return 0
    fi
    if [ "$1" != mariadb ]; then
        echo "store: $1 (expected: h2 or mariadb)" >&2
        exit 2
    fi
    local db_port=${DB_PORT:-13306}
    mariadb-install-db --no-defaults --datadir="$work/mariadb" --auth-root-authentication-method=normal \
        --user="$(id -un)" >mariadb-install.log 2>&1
    mariadbd --no-defaults --datadir="$work/mariadb" --socket="$work/mariadb.sock" --port="$db_port" \
        --bind-address=127.0.0.1 --user="$(id -un)" --skip-log-bin --innodb-flush-log-at-trx-commit=1 \
        --innodb-buffer-pool-size=512M --innodb-log-file-size=256M ${MARIADB_ARGS:-} >mariadb.log 2>&1 &
    pids+=($!)
    for _ in $(seq 120); do
        mariadb --no-defaults -S "$work/mariadb.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
        sleep 0.5
    done
    mariadb --no-defaults -S "$work/mariadb.sock" -uroot -e "CREATE DATABASE cmppgw;
        DELETE FROM mysql.global_priv WHERE user = ''; FLUSH PRIVILEGES;
        CREATE USER gw@'127.0.0.1' IDENTIFIED BY 'gw'; GRANT ALL ON cmppgw.* TO gw@'127.0.0.1';
        CREATE USER gw@'localhost' IDENTIFIED BY 'gw'; GRANT ALL ON cmppgw.* TO gw@'localhost';"
    database=(--set "database.url=jdbc:mariadb://127.0.0.1:$db_port/cmppgw" --set database.user=gw
        --set database.password=gw)
}

drop_store() {
    [ "${KEEP_DB:-0}" = 1 ] || rm -rf "$work/mariadb" "$work/data"
}
