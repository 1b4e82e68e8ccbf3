# Sourced by the scripts that read the load generator's CPU (per-message.sh, email.sh), after they set $root.
# end-to-end.sh's load generator: one JVM warms up, runs BEFORE_RUN, then the measured run writing result.json.
export LOAD_PATTERN="$root/simulator/target/simulator.jar load .*--result-file result.json"

# It has exited when AFTER_RUN runs: sample its CPU ticks every second into $1 instead, in the background; the last
# sample is (nearly) all it used. Sets sampler to the sampler's pid (kill it when the run is over).
sample_loadgen_ticks() {
    (
        while sleep 1; do
            pid=$(pgrep -f "$LOAD_PATTERN" | head -1) || continue
            ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) && echo "$ticks" >"$1"
        done
    ) &
    sampler=$!
}
