#!/usr/bin/env bash
# Two builds' cost per message, measured in turns (README "Performance"): per-message.sh of checkout A, then of B,
# then B, then A, and so on (ABBA), so that the host's speed, which drifts by a fifth within an hour on a shared
# machine, weighs on both builds alike. Prints one line per run and each build's median: gateway + mariadbd per
# message over the whole run and over the window in its middle, and the load generator's CPU, whose work does not
# change between builds and so shows how fast the host was at the time; gateway + mariadbd divided by it is the
# figure least moved by the drift (2026-12-06: 5.3 to 5.7 for one build across a 25% swing of the host's speed).
#
#   benchmarks/scripts/per-message-ab.sh <checkout A> <checkout B> [rounds=2] [rate=5000] [seconds=60] [--set ...]
#
# Each checkout must be built (gateway/target/gateway.jar, simulator/target/simulator.jar). A round is two runs, so
# rounds=2 runs A B B A. The --set options go to both builds. WARMUP and the other settings of per-message.sh apply.
# Each run's full output stays in the printed directory.
set -euo pipefail
usage="usage: per-message-ab.sh <checkout A> <checkout B> [rounds] [rate] [seconds] [--set path=value ...]"
a=$(cd "${1:?$usage}" && pwd)
b=$(cd "${2:?$usage}" && pwd)
shift 2
rounds=2 rate=5000 seconds=60
for name in rounds rate seconds; do
    if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
        printf -v "$name" '%s' "$1"
        shift
    fi
done
for checkout in "$a" "$b"; do
    for jar in gateway/target/gateway.jar simulator/target/simulator.jar; do
        [ -f "$checkout/$jar" ] || { echo "$checkout/$jar is missing: build that checkout first" >&2; exit 2; }
    done
done
out=$(mktemp -d -t cmppgw-per-message-ab-XXXXXX)

# figures <log>: "gateway mariadbd load-generator" of the whole run, then of the window (blank when absent)
figures() {
    awk '/^per accepted message/ {block = "run"} /^per message accepted in the/ {block = "window"}
         $1 == "gateway" {g[block] = $2} $1 == "mariadbd" {d[block] = $2} $1 == "load" {l[block] = $3}
         END {printf "%s %s %s %s %s %s\n", g["run"], d["run"], l["run"], g["window"], d["window"], l["window"]}' "$1"
}

run=0
for (( round = 1; round <= rounds; round++ )); do
    if (( round % 2 == 1 )); then order="A B"; else order="B A"; fi
    for build in $order; do
        run=$(( run + 1 ))
        checkout=$a
        [ "$build" = B ] && checkout=$b
        log="$out/run-$run-$build.log"
        started=$(date -u +%H:%M)
        (cd "$checkout" && benchmarks/scripts/per-message.sh "$rate" "$seconds" "$@") >"$log" 2>&1 \
            || { echo "run $run ($build) failed: $log" >&2; exit 1; }
        read -r g d l wg wd wl <<<"$(figures "$log")"
        echo "$build $started $g $d $l ${wg:-} ${wd:-} ${wl:-}" >>"$out/figures"
        awk -v b="$build" -v t="$started" -v g="$g" -v d="$d" -v l="$l" -v wg="${wg:-0}" -v wd="${wd:-0}" \
            'BEGIN {printf "%s %s  gateway %6.1f  mariadbd %6.1f  together %6.1f (window %6.1f)  load generator %5.1f µs" \
                    "  together / load generator %.2f\n", b, t, g, d, g + d, wg + wd, l, (g + d) / l}'
    done
done

# median <build> <awk expression over the fields g d l wg wd> [decimals=1]
median() {
    awk -v b="$1" '$1 == b {g = $3; d = $4; l = $5; wg = $6; wd = $7; print '"$2"'}' "$out/figures" | sort -g \
        | awk -v p="${3:-1}" '{v[NR] = $1}
              END {printf "%.*f", p, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
for build in A B; do
    checkout=$a
    [ "$build" = B ] && checkout=$b
    echo "median $build ($(git -C "$checkout" rev-parse --short HEAD 2>/dev/null || echo "$checkout")):" \
        "together $(median "$build" 'g + d') µs (window $(median "$build" 'wg + wd')), gateway $(median "$build" g)," \
        "mariadbd $(median "$build" d), load generator $(median "$build" l)," \
        "together / load generator $(median "$build" '(g + d) / l' 2)"
done
echo "runs in $out"
