#!/usr/bin/env bash
# Start-up only: how long the mock takes from process start to its first answer, and how many assemblies it has
# loaded by then, against the bare Kestrel baseline (bench/Baseline), in the build `dotnet run` makes (Debug) and in
# Release; BeaconMock.StartAsync in a test process, cold and warm; and, when Docker has the image, the container's
# start to its first healthy answer. Each start is timed twice: to the first 200 from /healthz, and to the first
# request served (the metadata sample POSTed to /v1/metadata/submit right after, which the baseline answers too).
# BEFORE=DIR also starts the mock built in another checkout's DIR/src/Beacon.MockServer/bin/{Debug,Release} (built
# there beforehand), interleaved with this one's, so a change is measured against what it changes on the same load.
# Writes the table into the start-up section of bench/README.md.
# Usage: bench/load.sh startup (or bench/startup.sh); STARTS=10 PORT=18290 IMAGE=beacon-mock BEFORE=DIR; TESTING=0
# leaves out BeaconMock.StartAsync, WRITE=0 prints the table without writing it into bench/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
readonly STARTS=${STARTS:-10} PORT=${PORT:-18290} IMAGE=${IMAGE:-beacon-mock} BEFORE=${BEFORE:-}
readonly SAMPLE=src/Beacon.MockServer/Samples/metadata-submit-request.json
readonly README=bench/README.md
source bench/readme-section.sh
readonly BENCH=bench/Beacon.MockServer.Benchmarks/bin/Release/net10.0/Beacon.MockServer.Benchmarks.dll

work=$(mktemp -d)
APP_PID="" CONTAINER=""
cleanup() {
    if [[ -n $APP_PID ]]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    if [[ -n $CONTAINER ]]; then docker rm -f "$CONTAINER" >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
load1() { cut -d' ' -f1 /proc/loadavg; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# The assemblies a process has mapped: each managed assembly it loaded from a file (the framework's and its own).
assemblies() { awk '$6 ~ /\.dll$/ { print $6 }' "/proc/$1/maps" | sort -u | wc -l; }

# The CPU time a process has used, user and system, in ms: what a start costs whatever else the machine runs.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }

# Polls $1 every 5 ms with curl until it answers 200; prints the milliseconds since $2 (ns). Fails after 3000 polls
# or when the process $3 (if given) has exited.
first_answer() {
    local url=$1 t0=$2 pid=${3:-} i
    for ((i = 0; i < 3000; i++)); do
        if curl -fs -o /dev/null "$url"; then
            echo $((($(now_ns) - t0) / 1000000))
            return 0
        fi
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
        sleep 0.005
    done
    return 1
}

# Starts `dotnet DLL` from DIR once (as load.sh does: Production, ASPNETCORE_URLS), timed to its first 200 from
# /healthz and then to its first request served, with the assemblies it holds and the CPU it used by then; appends
# them to T[variant.*].
declare -A R=() T=()
start_once() {
    local variant=$1 dir=$2 dll=$3 t0 ms served
    t0=$(now_ns)
    (cd "$dir" && exec env ASPNETCORE_URLS="http://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Production dotnet "$dll") \
        >>"$work/$variant.log" 2>&1 &
    APP_PID=$!
    ms=$(first_answer "http://127.0.0.1:$PORT/healthz" "$t0" "$APP_PID") \
        || { echo "$variant did not answer; the end of its log:" >&2; tail -n 20 "$work/$variant.log" >&2; exit 1; }
    curl -fs -o /dev/null -H 'Content-Type: application/json' --data-binary "@$SAMPLE" "http://127.0.0.1:$PORT/v1/metadata/submit" \
        || { echo "$variant did not serve /v1/metadata/submit" >&2; exit 1; }
    served=$((($(now_ns) - t0) / 1000000))
    T[$variant.ms]+=" $ms" T[$variant.served]+=" $served"
    T[$variant.asm]+=" $(assemblies "$APP_PID")" T[$variant.cpu]+=" $(cpu_ms "$APP_PID")"
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
}

# The medians of a variant's starts, as R[variant.ms], R[variant.served], R[variant.asm] and R[variant.cpu].
summarize() {
    local variant=$1 figure
    for figure in ms served asm cpu; do
        R[$variant.$figure]=$(printf '%s\n' ${T[$variant.$figure]} | median)
    done
    echo "  $variant: /healthz${T[$variant.ms]} ms (median ${R[$variant.ms]}); served${T[$variant.served]} ms (median ${R[$variant.served]});" \
        "CPU${T[$variant.cpu]} ms (median ${R[$variant.cpu]}); assemblies${T[$variant.asm]} (median ${R[$variant.asm]})"
}

echo "== building: Debug (what dotnet run builds) and Release"
for config in Debug Release; do
    dotnet build -c "$config" --nologo -v quiet bench/Baseline/Baseline.csproj >/dev/null
    dotnet build -c "$config" --nologo -v quiet src/Beacon.MockServer/Beacon.MockServer.csproj >/dev/null
done
dotnet build -c Release --nologo -v quiet bench/Beacon.MockServer.Benchmarks/Beacon.MockServer.Benchmarks.csproj >/dev/null

R[load1.start]=$(load1)
echo "== $STARTS starts of each (load average ${R[load1.start]})"
# Interleaved start by start, so that a neighbour's load that comes and goes weighs on every variant alike.
variants=()
for config in Debug Release; do
    variants+=("baseline-$config" "mock-$config")
    if [[ -n $BEFORE ]]; then variants+=("before-$config"); fi
done
for ((i = 0; i < STARTS; i++)); do
    for config in Debug Release; do
        start_once "baseline-$config" "bench/Baseline/bin/$config/net10.0" Baseline.dll
        start_once "mock-$config" "src/Beacon.MockServer/bin/$config/net10.0" Beacon.MockServer.dll
        if [[ -n $BEFORE ]]; then start_once "before-$config" "$BEFORE/src/Beacon.MockServer/bin/$config/net10.0" Beacon.MockServer.dll; fi
    done
done
for variant in "${variants[@]}"; do summarize "$variant"; done

if [[ ${TESTING:-1} == 1 ]]; then
echo "== BeaconMock.StartAsync in a test process: $STARTS processes, 3 starts each (the first cold, then warm)"
colds=() colds_answer=() warms=() warms_answer=()
for ((i = 0; i < STARTS; i++)); do
    dotnet "$BENCH" mock-start 3 >"$work/mock-start.txt"
    colds+=("$(sed -nE 's/^cold: started ([0-9.]+) ms.*/\1/p' "$work/mock-start.txt")")
    colds_answer+=("$(sed -nE 's/^cold: .*first answer ([0-9.]+) ms.*/\1/p' "$work/mock-start.txt")")
    warms+=($(sed -nE 's/^warm: started ([0-9.]+) ms.*/\1/p' "$work/mock-start.txt"))
    warms_answer+=($(sed -nE 's/^warm: .*first answer ([0-9.]+) ms.*/\1/p' "$work/mock-start.txt"))
    R[testing.asm]=$(sed -nE 's/^cold: .*assemblies ([0-9]+) \(before the first start ([0-9]+)\).*/\1 (\2 before)/p' "$work/mock-start.txt")
done
R[testing.cold]=$(printf '%s\n' "${colds[@]}" | median) R[testing.cold_answer]=$(printf '%s\n' "${colds_answer[@]}" | median)
R[testing.warm]=$(printf '%s\n' "${warms[@]}" | median) R[testing.warm_answer]=$(printf '%s\n' "${warms_answer[@]}" | median)
echo "  cold: started ${colds[*]} ms (median ${R[testing.cold]}), first answer median ${R[testing.cold_answer]}"
echo "  warm: started ${warms[*]} ms (median ${R[testing.warm]}), first answer median ${R[testing.warm_answer]}; assemblies after the first: ${R[testing.asm]}"
fi

# The image, when Docker has it: docker run to the first 200 from /healthz, against docker run of a container that
# does nothing (the floor Docker itself sets).
if command -v docker >/dev/null && docker image inspect "$IMAGE" >/dev/null 2>&1; then
    echo "== the image $IMAGE: docker run to the first 200 from /healthz, $STARTS times"
    times=() floors=()
    for ((i = 0; i < STARTS; i++)); do
        t0=$(now_ns)
        docker run --rm --entrypoint /bin/true "$IMAGE" >/dev/null
        floors+=($((($(now_ns) - t0) / 1000000)))
        CONTAINER=beacon-startup-$$
        t0=$(now_ns)
        docker run -d --name "$CONTAINER" -p "127.0.0.1:$PORT:8080" "$IMAGE" >/dev/null
        ms=$(first_answer "http://127.0.0.1:$PORT/healthz" "$t0") || { docker logs "$CONTAINER" >&2; exit 1; }
        times+=("$ms")
        docker rm -f "$CONTAINER" >/dev/null; CONTAINER=""
    done
    R[image.ms]=$(printf '%s\n' "${times[@]}" | median) R[image.floor]=$(printf '%s\n' "${floors[@]}" | median)
    R[image.size]=$(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1048576 }')
    echo "  first answer ${times[*]} ms (median ${R[image.ms]}); docker run of /bin/true ${floors[*]} ms (median ${R[image.floor]}); image ${R[image.size]} MiB"
fi

table="$work/results.md"
{
    echo "Recorded by \`bench/load.sh startup\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores, .NET SDK $(dotnet --version),"
    echo "median of $STARTS starts each; load average ${R[load1.start]} when the run began, $(load1) when it ended."
    echo
    echo "| start-up, from process start | baseline ms | mock ms | mock/baseline | target | |${BEFORE:+ before ms |} CPU ms, baseline / mock | assemblies, baseline / mock |"
    echo "| --- | ---: | ---: | ---: | --- | --- |${BEFORE:+ ---: |} ---: | ---: |"
    for config in Debug Release; do
        label=$([[ $config == Debug ]] && echo "\`dotnet bin/Debug/.../*.dll\` (what \`dotnet run\` builds)" || echo "\`dotnet bin/Release/.../*.dll\`")
        for figure in ms served; do
            what=$([[ $figure == ms ]] && echo "to the first 200 from \`/healthz\`" || echo "to the first request served (\`/v1/metadata/submit\`)")
            ratio=$(calc "${R[mock-$config.$figure]} / ${R[baseline-$config.$figure]}")
            verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.5) ? "met" : "MISSED" }')
            echo "| $label, $what | ${R[baseline-$config.$figure]} | ${R[mock-$config.$figure]} | $ratio | ≤ 1.5x | $verdict |${BEFORE:+ ${R[before-$config.$figure]} |}" \
                "$([[ $figure == ms ]] && echo "${R[baseline-$config.cpu]} / ${R[mock-$config.cpu]}${BEFORE:+ (before ${R[before-$config.cpu]})} | ${R[baseline-$config.asm]} / ${R[mock-$config.asm]}${BEFORE:+ (before ${R[before-$config.asm]})}" || echo " |") |"
        done
    done
    if [[ -n ${R[testing.cold]:-} ]]; then
        echo
        echo "| \`BeaconMock.StartAsync\` in a test process (Release) | StartAsync returned, ms | first answer, ms |"
        echo "| --- | ---: | ---: |"
        echo "| cold (the first in its process; median of $STARTS processes) | ${R[testing.cold]} | ${R[testing.cold_answer]} |"
        echo "| warm (the second and third; median of $((2 * STARTS))) | ${R[testing.warm]} | ${R[testing.warm_answer]} |"
        echo
        echo "Assemblies in the test process after the first start: ${R[testing.asm]}."
    fi
    if [[ -n ${R[image.ms]:-} ]]; then
        echo
        echo "| the image \`$IMAGE\` (${R[image.size]} MiB) | ms |"
        echo "| --- | ---: |"
        echo "| \`docker run\` to the first 200 from \`/healthz\` | ${R[image.ms]} |"
        echo "| \`docker run --rm --entrypoint /bin/true\` of the same image (Docker's own floor) | ${R[image.floor]} |"
    fi
} >"$table"

echo
cat "$table"

# WRITE=0: print the table only (a trial run), leaving bench/README.md as it is.
if [[ ${WRITE:-1} != 1 ]]; then exit 0; fi
write_section "load.sh startup" "$table"
