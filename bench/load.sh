#!/usr/bin/env bash
# Loads Beacon.MockServer and a bare Kestrel baseline (bench/Baseline) the same way, one after the other,
# on loopback only, and writes every figure, its ratio to the baseline and each target met or missed into
# the results section of bench/README.md. Usage: bench/load.sh (DURATION=10 WARMUP=5 STARTS=3 PORT=18080..18083).
set -euo pipefail

cd "$(dirname "$0")/.."
# `bench/load.sh startup` measures start-up alone, more starts of each, Debug and Release (bench/startup.sh).
if [[ ${1:-} == startup ]]; then exec bench/startup.sh; fi
readonly DURATION=${DURATION:-10} WARMUP=${WARMUP:-5} STARTS=${STARTS:-3} WAIT_ITERATIONS=${WAIT_ITERATIONS:-200}
readonly VIEW_ITERATIONS=${VIEW_ITERATIONS:-100} PENDING_WAITS=${PENDING_WAITS:-1000}
readonly PORT=${PORT:-18080} CONNECTIONS=32 THREADS=2
readonly SAMPLES=src/Beacon.MockServer/Samples
readonly MOCK_DIR=src/Beacon.MockServer/bin/Release/net10.0
readonly BASE_DIR=bench/Baseline/bin/Release/net10.0
readonly BENCH=bench/Beacon.MockServer.Benchmarks/bin/Release/net10.0/Beacon.MockServer.Benchmarks.dll
readonly README=bench/README.md
source bench/readme-section.sh
readonly ENDPOINTS=(verify ingest-traces otlp-json otlp-protobuf)

work=$(mktemp -d)
declare -A PID_OF=()  # each variant's running process
APP_PID="" WAITS_PID=""
cleanup() {
    local pid
    for pid in "${PID_OF[@]}" $APP_PID $WAITS_PID; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || apt-get install -y wrk
# dotnet-counters reads each app's GC pause time under load (a .NET global tool, from NuGet).
COUNTERS=$(command -v dotnet-counters || echo "$HOME/.dotnet/tools/dotnet-counters")
[[ -x $COUNTERS ]] || dotnet tool install -g dotnet-counters >/dev/null
command -v curl >/dev/null || apt-get install -y curl

echo "== building (Release)"
dotnet build -c Release --nologo -v quiet bench/Baseline/Baseline.csproj >/dev/null
dotnet build -c Release --nologo -v quiet bench/Beacon.MockServer.Benchmarks/Beacon.MockServer.Benchmarks.csproj >/dev/null
dotnet "$BENCH" protobuf-sample "$work/traces.pb"

# What each endpoint is sent: path, body, Content-Type, wrk script.
# metadata is loaded on the mock alone, with and without pending waits.
declare -A PATH_OF=([verify]=/v1/beacon/verify [ingest-traces]=/v1/beacon/ingest-traces
    [otlp-json]=/v1/beacon/v1/traces [otlp-protobuf]=/v1/beacon/v1/traces [metadata]=/v1/metadata/submit)
declare -A BODY_OF=([verify]=$SAMPLES/verify-request.json [ingest-traces]=$SAMPLES/ingest-traces-request.json
    [otlp-json]=$SAMPLES/otlp-traces-request.json [otlp-protobuf]=$work/traces.pb [metadata]=$SAMPLES/metadata-submit-request.json)
declare -A TYPE_OF=([verify]=application/json [ingest-traces]=application/json
    [otlp-json]=application/json [otlp-protobuf]=application/x-protobuf [metadata]=application/json)
declare -A SCRIPT_OF=([verify]=bench/post.lua [ingest-traces]=bench/ingest-traces.lua
    [otlp-json]=bench/post.lua [otlp-protobuf]=bench/post.lua [metadata]=bench/post.lua)
declare -A R=()  # every figure, keyed variant.figure

now_ns() { date +%s%N; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# 1 when "$1 $2 $3" holds (for example "0.7 >= 0.6"), else 0.
holds() { awk -v a="$1" -v b="$3" "BEGIN { print (a $2 b) ? 1 : 0 }"; }

# Starts an app from its build directory (so it reads its own appsettings.json) and times it to its first
# successful request. Sets APP_PID and STARTUP_MS.
start_app() {
    local dir=$1 dll=$2 port=$3 log=$4 i t0
    shift 4
    t0=$(now_ns)
    (cd "$dir" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production "$@" dotnet "$dll") >>"$log" 2>&1 &
    APP_PID=$!
    for ((i = 0; i < 3000; i++)); do
        if curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; then
            STARTUP_MS=$((($(now_ns) - t0) / 1000000))
            return 0
        fi
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            echo "$dll exited at start; the end of its log:" >&2
            tail -n 20 "$log" >&2
            exit 1
        fi
        sleep 0.005
    done
    echo "$dll did not answer /healthz within 3000 polls" >&2
    exit 1
}

stop_app() {
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

# wrk's 99% line in milliseconds, whatever its unit.
p99_ms() {
    awk '$1 == "99%" {
        v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
        print (unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : unit == "m" ? v * 60000 : v)
    }' "$1"
}

# Runs one endpoint's load against the app on $port: a warm-up, then the measured run. Records rps, p99, non-2xx.
load_endpoint() {
    local variant=$1 endpoint=$2 port=$3 out="$work/$1.$2.wrk" url code
    url="http://127.0.0.1:$port${PATH_OF[$endpoint]}"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Content-Type: ${TYPE_OF[$endpoint]}" --data-binary "@${BODY_OF[$endpoint]}" "$url")
    [[ $code == 2?? ]] || { echo "$variant $endpoint answered $code to its body, not a 2xx" >&2; exit 1; }
    export BODY_FILE=${BODY_OF[$endpoint]} CONTENT_TYPE=${TYPE_OF[$endpoint]}
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "${SCRIPT_OF[$endpoint]}" "$url" >/dev/null
    R[$variant.$endpoint.load1]=$(load1)
    # The runtime's own counters over the measured run: the GC's pause time and its collections by generation.
    # mock-waits and mock-after load the mock itself.
    "$COUNTERS" collect -p "${PID_OF[$variant]:-${PID_OF[mock]}}" --counters System.Runtime --format csv -o "$out.counters.csv" \
        --refresh-interval 1 --duration "$(printf '%02d:%02d:%02d' $((DURATION / 3600)) $((DURATION / 60 % 60)) $((DURATION % 60)))" >/dev/null 2>&1 &
    local counters_pid=$!
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "${SCRIPT_OF[$endpoint]}" "$url" >"$out"
    wait "$counters_pid" || true
    R[$variant.$endpoint.gc_pause]=$(gc_sum "$out.counters.csv" 'dotnet.gc.pause.time' 3)
    R[$variant.$endpoint.gc]=$(for g in gen0 gen1 gen2; do gc_sum "$out.counters.csv" "dotnet.gc.collections.*=$g]" 0; done | paste -sd/)
    R[$variant.$endpoint.rps]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    R[$variant.$endpoint.p99]=$(p99_ms "$out")
    R[$variant.$endpoint.non2xx]=$(awk '/Non-2xx/ {print $NF}' "$out")
    R[$variant.$endpoint.non2xx]=${R[$variant.$endpoint.non2xx]:-0}
    R[$variant.$endpoint.errors]=$(awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$out")
    R[$variant.$endpoint.errors]=${R[$variant.$endpoint.errors]:-0}
    printf '  %-10s %8s rps  p99 %8s ms  non-2xx %s  socket errors %s  GC pause %s s, collections %s  (load avg before: %s)\n' "$variant" \
        "${R[$variant.$endpoint.rps]}" "${R[$variant.$endpoint.p99]}" "${R[$variant.$endpoint.non2xx]}" \
        "${R[$variant.$endpoint.errors]}" "${R[$variant.$endpoint.gc_pause]}" "${R[$variant.$endpoint.gc]}" "${R[$variant.$endpoint.load1]}"
}

# A counter's increments summed over a dotnet-counters CSV (each row is one second's increment), with N decimals.
gc_sum() { awk -F, -v name="$2" -v n="$3" '$3 ~ name { sum += $5 } END { printf "%.*f\n", n, sum }' "$1"; }

# The store's bytes per capture, from the mock's /healthz, against the body that filled it.
stored_bytes() {
    local variant=$1 endpoint=$2 port=$3 health count bytes
    health=$(curl -fs "http://127.0.0.1:$port/healthz")
    count=$(sed -E 's/.*"count":([0-9]+).*/\1/' <<<"$health")
    bytes=$(sed -E 's/.*"bytes":([0-9]+).*/\1/' <<<"$health")
    R[$variant.$endpoint.stored]=$((bytes / count))
    R[$variant.$endpoint.wire]=$(stat -c %s "${BODY_OF[$endpoint]}")
    R[$variant.$endpoint.bytes_ratio]=$(calc "${R[$variant.$endpoint.stored]} / ${R[$variant.$endpoint.wire]}")
    printf '  stored per capture after %s: %s B for a %s B body (%sx), %s captures\n' "$endpoint" \
        "${R[$variant.$endpoint.stored]}" "${R[$variant.$endpoint.wire]}" "${R[$variant.$endpoint.bytes_ratio]}" "$count"
}

# Starts a variant STARTS times, timing each start; the median is kept and the last start stays up.
start_variant() {
    local variant=$1 dir=$2 dll=$3 port=$4 starts=() i
    shift 4
    for ((i = 0; i < STARTS; i++)); do
        start_app "$dir" "$dll" "$port" "$work/$variant.log" "$@"
        starts+=("$STARTUP_MS")
        ((i == STARTS - 1)) || stop_app
    done
    PID_OF[$variant]=$APP_PID PORT_OF[$variant]=$port
    APP_PID=""
    R[$variant.startup]=$(printf '%s\n' "${starts[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    R[$variant.rss_idle]=$(($(rss_kb "${PID_OF[$variant]}") / 1024))
    echo "  $variant: startup to first answer ${starts[*]} ms (median ${R[$variant.startup]} ms); RSS idle ${R[$variant.rss_idle]} MiB"
}

# The ceiling on verify: RS256 tokens issued per second on every core, measured before anything else runs.
dotnet "$BENCH" token-limit 5 | tee "$work/token.txt"
R[token_limit]=$(sed -nE 's/.*: ([0-9]+) per second.*/\1/p' "$work/token.txt")

# The mock runs twice: as configured by default (a log line per request), and with that line off.
readonly VARIANTS=(baseline mock mock-warn)
declare -A PORT_OF=()
R[load1.start]=$(load1)
echo "== starting each app (load average ${R[load1.start]})"
start_variant baseline "$BASE_DIR" Baseline.dll $((PORT + 1))
start_variant mock "$MOCK_DIR" Beacon.MockServer.dll "$PORT"
start_variant mock-warn "$MOCK_DIR" Beacon.MockServer.dll $((PORT + 2)) Serilog__MinimumLevel__Default=Warning

# Endpoint by endpoint, each app in turn while the others sit idle: a neighbour's load that comes and goes
# then weighs on all three alike rather than on whichever ran at the time.
for endpoint in "${ENDPOINTS[@]}"; do
    echo "== $endpoint"
    for variant in "${VARIANTS[@]}"; do
        load_endpoint "$variant" "$endpoint" "${PORT_OF[$variant]}"
        if [[ $variant == mock* && $endpoint == otlp-* ]]; then stored_bytes "$variant" "$endpoint" "${PORT_OF[$variant]}"; fi
    done
done

# The last load left the mock's store full of protobuf traces captures (10,000, the default cap).
echo "== span views over the mock's full store, and /healthz beside eight span readers"
dotnet "$BENCH" view-latency "http://127.0.0.1:$PORT" "$VIEW_ITERATIONS" | tee "$work/view.txt" | sed 's/^/  /'
R[mock.view_p50]=$(sed -nE 's|^/mock/otlp/spans: p50 ([0-9.]+) ms.*|\1|p' "$work/view.txt")
R[mock.view_p99]=$(sed -nE 's|^/mock/otlp/spans: .*p99 ([0-9.]+) ms.*|\1|p' "$work/view.txt")
R[mock.view_worst_p99]=$(sed -nE 's|^/mock/otlp/spans[^:]*: .*p99 ([0-9.]+) ms.*|\1|p' "$work/view.txt" | sort -n | tail -1)
R[mock.healthz_idle_p99]=$(sed -nE 's|^/healthz idle: .*p99 ([0-9.]+) ms.*|\1|p' "$work/view.txt")
R[mock.healthz_busy_p99]=$(sed -nE 's|^/healthz beside .*p99 ([0-9.]+) ms.*|\1|p' "$work/view.txt")

echo "== metadata on the mock, without and with $PENDING_WAITS pending waits that match nothing"
load_endpoint mock metadata "$PORT"
dotnet "$BENCH" pending-waits "http://127.0.0.1:$PORT" "$PENDING_WAITS" $((WARMUP + DURATION + 30)) >"$work/pending.txt" 2>&1 &
WAITS_PID=$!
for ((i = 0; i < 3000; i++)); do
    grep -q "waits pending" "$work/pending.txt" && break
    kill -0 "$WAITS_PID" 2>/dev/null || { echo "pending-waits exited:" >&2; cat "$work/pending.txt" >&2; exit 1; }
    sleep 0.1
done
grep -q "waits pending" "$work/pending.txt" || { echo "the waits were not all pending after 3000 checks" >&2; exit 1; }
load_endpoint mock-waits metadata "$PORT"
kill "$WAITS_PID" 2>/dev/null || true
wait "$WAITS_PID" 2>/dev/null || true
WAITS_PID=""
# Once more without, so that neither side has the warmer process or the quieter neighbour: the better of the two counts.
load_endpoint mock-after metadata "$PORT"
R[mock.metadata.best]=$(awk -v a="${R[mock.metadata.rps]}" -v b="${R[mock-after.metadata.rps]}" 'BEGIN { print (a > b) ? a : b }')

echo "== after the loads"
for variant in "${VARIANTS[@]}"; do
    R[$variant.rss]=$(($(rss_kb "${PID_OF[$variant]}") / 1024))
    R[$variant.log_bytes]=$(stat -c %s "$work/$variant.log")
    echo "  $variant: RSS ${R[$variant.rss]} MiB; console log ${R[$variant.log_bytes]} bytes"
done
echo "  wait latency on the mock ($WAIT_ITERATIONS waits):"
dotnet "$BENCH" wait-latency "http://127.0.0.1:$PORT" "$WAIT_ITERATIONS" | tee "$work/wait.txt" | sed 's/^/    /'
R[mock.wait_p50]=$(sed -nE '1s/.*p50 ([0-9.]+) ms.*/\1/p' "$work/wait.txt")
R[mock.wait_p99]=$(sed -nE '1s/.*p99 ([0-9.]+) ms.*/\1/p' "$work/wait.txt")

for variant in "${VARIANTS[@]}"; do kill "${PID_OF[$variant]}" 2>/dev/null || true; wait "${PID_OF[$variant]}" 2>/dev/null || true; done
PID_OF=()
echo "== one export of each worst shape, each to a mock started for it"
dotnet "$BENCH" decode-bound "$MOCK_DIR" $((PORT + 3)) | tee "$work/decode.txt" | sed 's/^/  /'
R[mock.decode_worst]=$(sed -nE 's/^worst peak rise.*: ([0-9.]+) MiB/\1/p' "$work/decode.txt")

# --- ratios and targets ---
# verify is held to the machine's RS256 limit instead (below), since signing is most of its work.
declare -A MIN_RPS_RATIO=([ingest-traces]=0.7 [otlp-json]=0.6 [otlp-protobuf]=0.7)
verdict() { (($1)) && echo met || echo MISSED; }
table="$work/results.md"
{
    echo "Recorded by \`bench/load.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
    echo ".NET SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/NETCore.App/ {v = $2} END {print v}'); wrk $THREADS threads, $CONNECTIONS connections,"
    echo "${DURATION} s per endpoint after a ${WARMUP} s warm-up; load average ${R[load1.start]} when the run began (other work on the machine skews every figure)."
    echo
    echo "| endpoint | baseline rps | mock rps | mock/baseline | target | | baseline p99 ms | mock p99 ms | mock/baseline | p99 ≤ 1.5x | mock at Warning: rps, p99 ms | GC pause s in ${DURATION} s, baseline / mock | GC collections gen0/1/2, baseline / mock |"
    echo "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
    for endpoint in "${ENDPOINTS[@]}"; do
        b=${R[baseline.$endpoint.rps]} m=${R[mock.$endpoint.rps]}
        bp=${R[baseline.$endpoint.p99]} mp=${R[mock.$endpoint.p99]}
        ratio=$(calc "$m / $b") p99_ratio=$(calc "$mp / $bp")
        if [[ -n ${MIN_RPS_RATIO[$endpoint]:-} ]]; then
            target="≥ ${MIN_RPS_RATIO[$endpoint]}" met=$(verdict "$(holds "$ratio" ">=" "${MIN_RPS_RATIO[$endpoint]}")")
        else
            target="RS256 limit" met="below"
        fi
        echo "| $endpoint | $b | $m | $ratio | $target | $met | $bp | $mp | $p99_ratio | $(verdict "$(holds "$p99_ratio" "<=" 1.5)") | ${R[mock-warn.$endpoint.rps]}, ${R[mock-warn.$endpoint.p99]} | ${R[baseline.$endpoint.gc_pause]} / ${R[mock.$endpoint.gc_pause]} | ${R[baseline.$endpoint.gc]} / ${R[mock.$endpoint.gc]} |"
    done
    echo
    echo "Non-2xx answers or socket errors: $(for v in baseline mock mock-warn; do for e in "${ENDPOINTS[@]}"; do printf '%s ' "$v/$e ${R[$v.$e.non2xx]}/${R[$v.$e.errors]}"; done; done)"
    echo
    startup_ratio=$(calc "${R[mock.startup]} / ${R[baseline.startup]}")
    rss_ratio=$(calc "${R[mock.rss]} / ${R[baseline.rss]}")
    rss_idle_ratio=$(calc "${R[mock.rss_idle]} / ${R[baseline.rss_idle]}")
    echo "| figure | baseline | mock | mock/baseline | target | |"
    echo "| --- | ---: | ---: | ---: | --- | --- |"
    echo "| startup to first answer (median of $STARTS), ms | ${R[baseline.startup]} | ${R[mock.startup]} | $startup_ratio | ≤ 1.5x | $(verdict "$(holds "$startup_ratio" "<=" 1.5)") |"
    echo "| RSS idle after start, MiB | ${R[baseline.rss_idle]} | ${R[mock.rss_idle]} | $rss_idle_ratio | | |"
    echo "| RSS after the loads, MiB | ${R[baseline.rss]} | ${R[mock.rss]} | $rss_ratio | (none; the baseline's queue is unbounded) | |"
    echo "| console log written, bytes | ${R[baseline.log_bytes]} | ${R[mock.log_bytes]} (at Warning: ${R[mock-warn.log_bytes]}) | | | |"
    echo "| wait answered after the arrival, p50 / p99 ms | | ${R[mock.wait_p50]} / ${R[mock.wait_p99]} | | p99 ≤ 5 | $(verdict "$(holds "${R[mock.wait_p99]}" "<=" 5)") |"
    verify_ratio=$(calc "${R[mock.verify.rps]} / ${R[token_limit]}")
    echo "| verify against the machine's RS256 limit (\`token-limit\`, every core), requests/s | ${R[token_limit]} (limit) | ${R[mock.verify.rps]} | $verify_ratio | ≥ 0.8x | $(verdict "$(holds "$verify_ratio" ">=" 0.8)") |"
    echo "| \`GET /mock/otlp/spans\` over the full store, p50 / p99 ms (worst of four views: p99) | | ${R[mock.view_p50]} / ${R[mock.view_p99]} (${R[mock.view_worst_p99]}) | | < 50 | $(verdict "$(holds "${R[mock.view_worst_p99]}" "<" 50)") |"
    echo "| \`/healthz\` p99 ms, idle / beside eight span readers | | ${R[mock.healthz_idle_p99]} / ${R[mock.healthz_busy_p99]} | | ≤ 5 beside them | $(verdict "$(holds "${R[mock.healthz_busy_p99]}" "<=" 5)") |"
    waits_ratio=$(calc "${R[mock-waits.metadata.rps]} / ${R[mock.metadata.best]}")
    echo "| metadata requests/s, without (before, after) / with $PENDING_WAITS pending waits | | ${R[mock.metadata.rps]}, ${R[mock-after.metadata.rps]} / ${R[mock-waits.metadata.rps]} | $waits_ratio | ≥ 0.8x of the better | $(verdict "$(holds "$waits_ratio" ">=" 0.8)") |"
    echo "| one export of the worst shape, peak RSS over the mock's at start, MiB | | ${R[mock.decode_worst]} | | ≤ 320 (20x the largest body) | $(verdict "$(holds "${R[mock.decode_worst]}" "<=" 320)") |"
    for endpoint in otlp-json otlp-protobuf; do
        echo "| stored bytes per traces capture ($endpoint, from /healthz) | | ${R[mock.$endpoint.stored]} B for ${R[mock.$endpoint.wire]} B | ${R[mock.$endpoint.bytes_ratio]}x wire | ≤ 3x | $(verdict "$(holds "${R[mock.$endpoint.bytes_ratio]}" "<=" 3)") |"
    done
} >"$table"

echo
cat "$table"

# Replace the results section of bench/README.md (between its markers), or add one.
write_section "load.sh results" "$table"
