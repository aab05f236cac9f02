#!/usr/bin/env bash
# What the egress audit costs ingest: the mock loaded with the audit on, then off (Beacon__Egress__Enabled=false), in
# turn, round after round, on loopback, and the median requests/s of each compared; then egress-memory, what the audit
# holds after a long varied run. Writes the figures into the egress section of bench/README.md.
# Usage: bench/egress.sh (DURATION=10 s per run, WARMUP=5, ROUNDS=5, CAPTURES=4000000, PORT=18090 and 18091, LOG=Warning).
set -euo pipefail

cd "$(dirname "$0")/.."
readonly DURATION=${DURATION:-10} WARMUP=${WARMUP:-5} ROUNDS=${ROUNDS:-5} CAPTURES=${CAPTURES:-4000000}
readonly PORT=${PORT:-18090} LOG=${LOG:-Warning} CONNECTIONS=32 THREADS=2
readonly SAMPLES=src/Beacon.MockServer/Samples
readonly MOCK_DIR=src/Beacon.MockServer/bin/Release/net10.0
readonly BENCH=bench/Beacon.MockServer.Benchmarks/bin/Release/net10.0/Beacon.MockServer.Benchmarks.dll
readonly README=bench/README.md
read -ra ENDPOINTS <<<"${ENDPOINTS:-ingest-traces otlp-json otlp-protobuf}"

work=$(mktemp -d)
declare -A PID_OF=()
cleanup() {
    local pid
    for pid in "${PID_OF[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || apt-get install -y wrk

echo "== building (Release)"
dotnet build -c Release --nologo -v quiet bench/Beacon.MockServer.Benchmarks/Beacon.MockServer.Benchmarks.csproj >/dev/null
dotnet "$BENCH" protobuf-sample "$work/traces.pb"

declare -A PATH_OF=([ingest-traces]=/v1/beacon/ingest-traces [otlp-json]=/v1/beacon/v1/traces [otlp-protobuf]=/v1/beacon/v1/traces)
declare -A BODY_OF=([ingest-traces]=$SAMPLES/ingest-traces-request.json [otlp-json]=$SAMPLES/otlp-traces-request.json [otlp-protobuf]=$work/traces.pb)
declare -A TYPE_OF=([ingest-traces]=application/json [otlp-json]=application/json [otlp-protobuf]=application/x-protobuf)
declare -A SCRIPT_OF=([ingest-traces]=bench/ingest-traces.lua [otlp-json]=bench/post.lua [otlp-protobuf]=bench/post.lua)
declare -A PORT_OF=([on]=$PORT [off]=$((PORT + 1)))
declare -A RUNS=()  # variant.endpoint: the requests/s of each round, space-separated
declare -A CPU=()   # variant.endpoint: the mock's CPU time per request (user and system, µs) of each round

start() {
    local variant=$1 i
    (cd "$MOCK_DIR" && exec env ASPNETCORE_URLS="http://127.0.0.1:${PORT_OF[$variant]}" ASPNETCORE_ENVIRONMENT=Production \
        Serilog__MinimumLevel__Default="$LOG" Beacon__Egress__Enabled="$([[ $variant == on ]] && echo true || echo false)" \
        dotnet Beacon.MockServer.dll) >>"$work/$variant.log" 2>&1 &
    PID_OF[$variant]=$!
    for ((i = 0; i < 600; i++)); do
        curl -fs -o /dev/null "http://127.0.0.1:${PORT_OF[$variant]}/healthz" && return 0
        sleep 0.05
    done
    echo "the mock ($variant) did not start; its log:" >&2
    tail -n 20 "$work/$variant.log" >&2
    exit 1
}

# The mock's own CPU time so far, user and system, in clock ticks (/proc/PID/stat fields 14 and 15).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() {
    local variant=$1 endpoint=$2 out="$work/$1.$2.wrk" url before after requests
    url="http://127.0.0.1:${PORT_OF[$variant]}${PATH_OF[$endpoint]}"
    export BODY_FILE=${BODY_OF[$endpoint]} CONTENT_TYPE=${TYPE_OF[$endpoint]}
    before=$(ticks "${PID_OF[$variant]}")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "${SCRIPT_OF[$endpoint]}" "$url" >"$out"
    after=$(ticks "${PID_OF[$variant]}")
    grep -q "Non-2xx" "$out" && { echo "$variant $endpoint answered non-2xx under load" >&2; exit 1; }
    RUNS[$variant.$endpoint]+="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out") "
    requests=$(awk '/requests in/ {print $1}' "$out")
    # CPU time per request is what the audit adds, whatever else the machine runs: read beside the throughput.
    CPU[$variant.$endpoint]+="$(awk "BEGIN { printf \"%.1f\", ($after - $before) * 1000000 / $(getconf CLK_TCK) / $requests }") "
}

last() { awk '{print $NF}' <<<"$1"; }
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

start on
start off
load_start=$(cut -d' ' -f1 /proc/loadavg)
for endpoint in "${ENDPOINTS[@]}"; do
    echo "== $endpoint"
    for variant in on off; do
        url="http://127.0.0.1:${PORT_OF[$variant]}${PATH_OF[$endpoint]}"
        export BODY_FILE=${BODY_OF[$endpoint]} CONTENT_TYPE=${TYPE_OF[$endpoint]}
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "${SCRIPT_OF[$endpoint]}" "$url" >/dev/null
    done
    for ((round = 1; round <= ROUNDS; round++)); do
        # Alternate which goes first, so a neighbour's load that comes and goes weighs on both alike.
        if ((round % 2)); then order=(on off); else order=(off on); fi
        for variant in "${order[@]}"; do run "$variant" "$endpoint"; done
        echo "  round $round: rps on $(last "${RUNS[on.$endpoint]}"), off $(last "${RUNS[off.$endpoint]}"); CPU µs/request on $(last "${CPU[on.$endpoint]}"), off $(last "${CPU[off.$endpoint]}")"
    done
done
on_rss=$(awk '/^VmRSS:/ {print $2}' "/proc/${PID_OF[on]}/status")
off_rss=$(awk '/^VmRSS:/ {print $2}' "/proc/${PID_OF[off]}/status")
echo "== egress-memory $CAPTURES"
memory=$(dotnet "$BENCH" egress-memory "$CAPTURES")
echo "$memory"

{
    echo "Recorded by \`bench/egress.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC: $(nproc) cores, .NET SDK $(dotnet --version);"
    echo "wrk $THREADS threads, $CONNECTIONS connections, $ROUNDS rounds of ${DURATION} s per variant and endpoint (alternating), the mock's log at $LOG;"
    echo "CPU µs/request is the mock process's user and system time over the requests wrk completed (off/on: the throughput the CPU allows);"
    echo "load average $load_start when the run began."
    echo
    echo "| endpoint | rps, audit on (median) | off | on/off | target | | CPU µs/request, on (median) | off | off/on | rounds, rps on / off |"
    echo "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- |"
    for endpoint in "${ENDPOINTS[@]}"; do
        on=$(median "${RUNS[on.$endpoint]}")
        off=$(median "${RUNS[off.$endpoint]}")
        cpu_on=$(median "${CPU[on.$endpoint]}")
        cpu_off=$(median "${CPU[off.$endpoint]}")
        ratio=$(awk "BEGIN { printf \"%.3f\", $on / $off }")
        cpu_ratio=$(awk "BEGIN { printf \"%.3f\", $cpu_off / $cpu_on }")
        met=$(awk "BEGIN { print ($on / $off >= 0.95) ? \"met\" : \"MISSED\" }")
        echo "| $endpoint | $on | $off | $ratio | ≥ 0.95 | $met | $cpu_on | $cpu_off | $cpu_ratio | ${RUNS[on.$endpoint]% } / ${RUNS[off.$endpoint]% } |"
    done
    echo
    echo "RSS after the loads: audit on $((on_rss / 1024)) MiB, off $((off_rss / 1024)) MiB."
    echo
    echo "\`egress-memory $CAPTURES\` (the audit fed directly, no HTTP and no store):"
    echo
    echo '```'
    echo "$memory"
    echo '```'
} >"$work/results.md"

awk -v results="$work/results.md" '
    /<!-- egress.sh results: start -->/ { print; while ((getline line < results) > 0) print line; skipping = 1; next }
    /<!-- egress.sh results: end -->/ { skipping = 0 }
    !skipping { print }
' "$README" >"$work/README.md"
cp "$work/README.md" "$README"
echo "== written to $README"
