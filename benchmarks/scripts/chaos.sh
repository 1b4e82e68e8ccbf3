#!/usr/bin/env bash
# The operator's own proof that a fault under load loses nothing (README "Faults under load"): the gateway on a
# throw-away MariaDB (durable commits) and a standalone simulator ISMG, the load generator at RATE msg/s for DURATION
# seconds, and FAULT_AT seconds in one fault for FAULT_FOR seconds:
#
#   kill-gateway    kill -9 the gateway, start it again at once (same database)
#   db-freeze       SIGSTOP mariadbd (connections stay open, nothing answers), SIGCONT after FAULT_FOR
#   db-stop         stop mariadbd cleanly (SIGTERM), start it again after FAULT_FOR
#   db-kill         kill -9 mariadbd (crash recovery), start it again after FAULT_FOR
#   carrier-freeze  SIGSTOP the ISMG (its windows fill, nothing answers), SIGCONT after FAULT_FOR
#
#   benchmarks/scripts/chaos.sh [scenario ...]      (default: all five, one after the other)
#
# For each it prints what the load generator saw: accepted, refused requests (503 while the gateway could not take
# them, connection errors while it was down: the client was told, nothing was lost), lost and duplicate reports, the
# report latency, and how long after the last send the last report came (the drain). Exit 1 when anything accepted
# was lost. Needs the jars (./mvnw -B -q -DskipTests package), mariadbd and mariadb-install-db (Debian: apt-get
# install mariadb-server); stops everything it started. Each run's directory is kept and printed.
set -euo pipefail

RATE=${RATE:-1000}
DURATION=${DURATION:-60}
FAULT_AT=${FAULT_AT:-20}
FAULT_FOR=${FAULT_FOR:-15}
DB_PORT=${DB_PORT:-13306}
root=$(cd "$(dirname "$0")/../.." && pwd)
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(kill-gateway db-freeze db-stop db-kill carrier-freeze)

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
}
trap cleanup EXIT

await() { # await <what> <command...>: up to 120 s
    local what=$1; shift
    for _ in $(seq 240); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
    echo "chaos: $what did not happen within 120 s" >&2
    return 1
}

start_db() {
    mariadbd --no-defaults --datadir="$work/mariadb" --socket="$work/mariadb.sock" --port="$DB_PORT" \
        --bind-address=127.0.0.1 --user="$(id -un)" --skip-log-bin --innodb-flush-log-at-trx-commit=1 \
        --innodb-buffer-pool-size=512M >>mariadb.log 2>&1 &
    db_pid=$!
    pids+=("$db_pid")
    await "mariadbd up" mariadb --no-defaults -S "$work/mariadb.sock" -uroot -e 'SELECT 1'
}

start_gateway() {
    java -Xms512m -Xmx1g -jar "$root/gateway/target/gateway.jar" --config "$root/config/gateway.yaml" \
        --set simulator.embedded=false --set 'providers[0].tps=100000' \
        --set "database.url=jdbc:mariadb://127.0.0.1:$DB_PORT/cmppgw" --set database.user=gw \
        --set database.password=gw >>gateway.log 2>&1 &
    gw_pid=$!
    pids+=("$gw_pid")
    await "gateway ready" curl -sf http://127.0.0.1:8081/health/ready
}

fault() {
    case "$1" in
        kill-gateway) kill -9 "$gw_pid"; wait "$gw_pid" 2>/dev/null || true; start_gateway ;;
        db-freeze) kill -STOP "$db_pid"; sleep "$FAULT_FOR"; kill -CONT "$db_pid" ;;
        db-stop) kill "$db_pid"; wait "$db_pid" 2>/dev/null || true; sleep "$FAULT_FOR"; start_db ;;
        db-kill) kill -9 "$db_pid"; wait "$db_pid" 2>/dev/null || true; sleep "$FAULT_FOR"; start_db ;;
        carrier-freeze) kill -STOP "$ismg_pid"; sleep "$FAULT_FOR"; kill -CONT "$ismg_pid" ;;
        *) echo "chaos: unknown scenario $1" >&2; exit 2 ;;
    esac
}

field() { # field <json file> <name>: a top-level number of the load generator's result
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

verdict=0
for scenario in "${scenarios[@]}"; do
    work=$(mktemp -d -t "cmppgw-chaos-$scenario-XXXXXX")
    cd "$work"
    mariadb-install-db --no-defaults --datadir="$work/mariadb" --auth-root-authentication-method=normal \
        --user="$(id -un)" >mariadb-install.log 2>&1
    start_db
    mariadb --no-defaults -S "$work/mariadb.sock" -uroot -e "CREATE DATABASE cmppgw;
        DELETE FROM mysql.global_priv WHERE user = ''; FLUSH PRIVILEGES;
        CREATE USER gw@'127.0.0.1' IDENTIFIED BY 'gw'; GRANT ALL ON cmppgw.* TO gw@'127.0.0.1';"
    java -jar "$root/simulator/target/simulator.jar" ismg --port 7890 --metrics-port 0 >ismg.log 2>&1 &
    ismg_pid=$!
    pids+=("$ismg_pid")
    start_gateway

    java -jar "$root/simulator/target/simulator.jar" load --target http://127.0.0.1:8080 --progress=false \
        --rate "$RATE" --duration-seconds "$DURATION" --grace-seconds 300 --request-timeout-seconds 60 \
        --result-file result.json >load.log 2>&1 &
    load_pid=$!
    sleep "$FAULT_AT"
    fault "$scenario"
    status=0
    wait "$load_pid" || status=$?

    lost=$(field result.json lost)
    printf '%-15s accepted %s   refused %s   lost %s   pending %s   duplicates %s   unknown %s   report p99 %.1f s   max %.1f s   drained %.1f s after the last send   (%s)\n' \
        "$scenario" "$(field result.json accepted)" "$(field result.json errors)" "$lost" \
        "$(field result.json pending)" "$(field result.json duplicates)" "$(field result.json unknownMsgIds)" \
        "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["callbackLatency"]["p99Ms"]/1000)' result.json)" \
        "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["callbackLatency"]["maxMs"]/1000)' result.json)" \
        "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["runSeconds"]-r["sendSeconds"])' result.json)" \
        "$work"
    [ "$lost" = 0 ] || verdict=1
    cleanup
    cd "$root"
done
exit $verdict
