#!/usr/bin/env bash
# Simulator capacity (issue: simulator). For each cluster count N, in ONE run on this machine:
#  1. a synthetic district of N clusters (communes of 100, hamlets of 2, addresses 127.201.x.y), provisioned as a
#     technician does it (`bcast endpoint provision --topology`);
#  2. the controller (embedded broker) and the simulator as two processes on loopback, as in the field;
#  3. CPU of each process from /proc over an idle window (every cluster holds a session, nothing plays) and over a
#     playing window (one programme to all N), and the simulator's resident memory;
#  4. what the clusters reported (loss, late packets, underruns, concealment) and the controller's pacer lateness.
# Every count runs REPEATS times. Results: a Markdown table on stdout and in bench/out/sim-capacity/results.md.
# Usage: bench/sim-capacity.sh [counts="100 300 500 1000"] [repeats=2]   (docs/benchmarks.md, "Simulator capacity")
# Environment: BENCH_WINDOW (s, default 20), BCAST_ARTIFACTS (build output, default artifacts/),
#              BENCH_HTTP_PORT / BENCH_MQTT_PORT / BENCH_UDP_PORT (default 18080 / 18830 / 15004),
#              BENCH_SIM_ARGS (extra simulator options, e.g. "--threads 1").
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS="${1:-100 300 500 1000}"
REPEATS="${2:-2}"
WINDOW="${BENCH_WINDOW:-20}"
ART="${BCAST_ARTIFACTS:-artifacts}"
HTTP="${BENCH_HTTP_PORT:-18080}" MQTT="${BENCH_MQTT_PORT:-18830}" UDP="${BENCH_UDP_PORT:-15004}"
OUT=bench/out/sim-capacity
API="http://127.0.0.1:${HTTP}"
mkdir -p "${OUT}"

for p in curl ffmpeg; do
  command -v "${p}" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${p}" >/dev/null; }
done
for p in "${HTTP}" "${MQTT}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${p}") 2>/dev/null; then echo "port ${p} is busy: set BENCH_HTTP_PORT / BENCH_MQTT_PORT" >&2; exit 1; fi
done

for project in src/Broadcast.Cli src/Broadcast.Server firmware-sim/Broadcast.FirmwareSim; do
  if ! log=$(dotnet build "${project}" -c Release -nologo -v quiet -clp:ErrorsOnly "-p:ArtifactsPath=$(realpath -m "${ART}")" 2>&1); then
    echo "build of ${project} failed:" >&2; echo "${log}" | grep -E 'error' | sort -u >&2; exit 1
  fi
done
CLI="${ART}/bin/Broadcast.Cli/release/bcast.dll"
SERVER="${ART}/bin/Broadcast.Server/release/Broadcast.Server.dll"
SIM="${ART}/bin/Broadcast.FirmwareSim/release/Broadcast.FirmwareSim.dll"

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }          # utime + stime of a process, all threads
pct() { echo "scale=1; 100 * ($2 - $1) / ${TICK} / ${WINDOW}" | bc -l; }   # % of one core between two readings
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
ADMIN_PASSWORD="bench-admin-password-1"   # first admin of the bench's own data directories (loopback only)
TOKEN=""
api() { if [ -n "${TOKEN}" ]; then curl -sf -H "Authorization: Bearer ${TOKEN}" -H 'Content-Type: application/json' "$@"; else curl -sf -H 'Content-Type: application/json' "$@"; fi; }
# Log in as the bench's first admin; a controller without accounts (404) needs no token.
login() {
  local answer code
  answer=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -d "{\"user\":\"admin\",\"password\":\"${ADMIN_PASSWORD}\"}" "${API}/api/auth/login")
  code=$(echo "${answer}" | tail -1)
  [ "${code}" = "404" ] && { TOKEN=""; return 0; }
  TOKEN=$(echo "${answer}" | grep -o '"token":"[^"]*"' | cut -d'"' -f4)
  [ -n "${TOKEN}" ] || { echo "login to the bench controller failed (${code}): ${answer}" >&2; exit 1; }
}
metric() { api "${API}/api/metrics" | grep -o "\"$1\":[-0-9.e]*" | cut -d: -f2; }
total() { grep -A40 '"totals"' "$1" | grep -o "\"$2\": [0-9.]*" | head -1 | awk '{print $2}'; }

# A district of $1 clusters: communes of 100 clusters, hamlets of 2.
topology() {
  awk -v n="$1" 'BEGIN {
    printf "{\"formatVersion\":1,\"district\":{\"id\":\"capacity\",\"name\":\"Capacity bench\",\"province\":\"bench\"},\"communes\":["
    for (c = 0; c * 100 < n; c++) {
      printf "%s{\"id\":\"c%03d\",\"code\":\"C%03d\",\"name\":\"Commune %d\",\"hamlets\":[", (c ? "," : ""), c, c, c
      for (i = c * 100; i < n && i < (c + 1) * 100; i += 2) {
        printf "%s{\"id\":\"c%03d-h%04d\",\"name\":\"Hamlet %d\",\"clusters\":[", (i > c * 100 ? "," : ""), c, i / 2, i / 2
        for (k = i; k < i + 2 && k < n; k++)
          printf "%s{\"id\":\"CAP-%05d\",\"bind\":\"127.201.%d.%d/32\",\"transport\":\"udp\"}", (k > i ? "," : ""), k, int(k / 250), k % 250 + 1
        printf "]}"
      }
      printf "]}"
    }
    print "]}"
  }'
}

PROGRAMME="${OUT}/programme.wav"
ffmpeg -hide_banner -v error -y -f lavfi -i "anoisesrc=color=pink:amplitude=0.25:seed=7" -t $((WINDOW + 12)) -ac 1 -ar 48000 "${PROGRAMME}"

SERVER_PID="" SIM_PID=""
cleanup() { for p in ${SIM_PID} ${SERVER_PID}; do kill "${p}" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

RESULTS="${OUT}/results.md"
{
  echo "| clusters | run | load before | handshakes (s) | sim CPU idle | sim CPU playing | sim RSS MB | controller CPU idle / playing | loss % | rejected auth / late | underruns | concealed ms | pacer p99 / max ms | report cpuSeconds |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "${RESULTS}"

for n in ${COUNTS}; do
  data="${OUT}/n${n}"
  if [ ! -f "${data}/endpoints.json" ]; then
    rm -rf "${data}"; mkdir -p "${data}"
    topology "${n}" > "${data}/topology.json"
    dotnet "${CLI}" endpoint provision --data-dir "${data}" --topology "${data}/topology.json" --out-dir "${data}/credentials" \
      --controller "mqtt://127.0.0.1:${MQTT}" >/dev/null
  fi
  for run in $(seq "${REPEATS}"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    dotnet "${SERVER}" --data-dir "${data}" --topology "${data}/topology.json" --urls "${API}" "--Broker:Port=${MQTT}" \
      "--Media:UdpBind=127.0.0.1:${UDP}" "--Logging:LogLevel:Default=Warning" "--Accounts:InitialAdminPassword=${ADMIN_PASSWORD}" \
      > "${data}/server-${run}.log" 2>&1 &
    SERVER_PID=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "${API}/api/metrics")" != "000" ]; do
      kill -0 "${SERVER_PID}" 2>/dev/null || { echo "the controller stopped; see ${data}/server-${run}.log" >&2; exit 1; }
      sleep 0.5
    done
    login

    t0=$(date +%s.%N)
    dotnet "${SIM}" --credentials "${data}/credentials" --topology "${data}/topology.json" --controller "mqtt://127.0.0.1:${MQTT}" \
      --controller-udp "127.0.0.1:${UDP}" --report "${data}/report-${run}.json" --plain ${BENCH_SIM_ARGS:-} > "${data}/sim-${run}.log" 2>&1 &
    SIM_PID=$!
    waited=0
    until [ "$(metric endpointsOnline)" = "${n}" ]; do
      sleep 0.5; waited=$((waited + 1))
      [ "${waited}" -lt 600 ] || { echo "only $(metric endpointsOnline) of ${n} clusters online after 300 s" >&2; break; }
    done
    handshakes=$(echo "$(date +%s.%N) - ${t0}" | bc -l)

    # Idle: sessions held, heartbeats every 15 s, nothing plays.
    sleep 5
    s0=$(cpu_ticks "${SIM_PID}"); c0=$(cpu_ticks "${SERVER_PID}")
    sleep "${WINDOW}"
    s1=$(cpu_ticks "${SIM_PID}"); c1=$(cpu_ticks "${SERVER_PID}")

    # Playing: one programme to every cluster (the controller ingests the WAV, then streams for WINDOW + 12 s).
    api -d "{\"programme\":\"$(realpath "${PROGRAMME}")\",\"target\":\"all\",\"priority\":\"district\"}" \
      "${API}/api/broadcasts" >/dev/null
    sleep 5
    s2=$(cpu_ticks "${SIM_PID}"); c2=$(cpu_ticks "${SERVER_PID}")
    sleep "${WINDOW}"
    s3=$(cpu_ticks "${SIM_PID}"); c3=$(cpu_ticks "${SERVER_PID}")
    rss=$(rss_mb "${SIM_PID}")
    sleep 9
    p99=$(metric pacerLatenessP99Ms); pmax=$(metric pacerLatenessMaxMs)

    # SIGTERM stops the simulator like Ctrl-C (a background job ignores SIGINT): it writes its report and exits.
    kill -TERM "${SIM_PID}"; wait "${SIM_PID}" || true; SIM_PID=""
    kill "${SERVER_PID}"; wait "${SERVER_PID}" 2>/dev/null || true; SERVER_PID=""

    report="${data}/report-${run}.json"
    received=$(total "${report}" packetsReceived); lost=$(total "${report}" packetsLost)
    late=$(grep -A40 '"totals"' "${report}" | grep -o '"late": [0-9]*' | head -1 | awk '{print $2}')
    auth=$(grep -A40 '"totals"' "${report}" | grep -o '"auth": [0-9]*' | head -1 | awk '{print $2}')
    printf '| %s | %s | %s | %.1f | %s%% (%.3f%% per cluster) | %s%% (%.3f%% per cluster) | %s | %s%% / %s%% | %.3f | %s | %s | %s | %s / %s | %s |\n' \
      "${n}" "${run}" "${load}" "${handshakes}" \
      "$(pct "${s0}" "${s1}")" "$(echo "$(pct "${s0}" "${s1}") / ${n}" | bc -l)" \
      "$(pct "${s2}" "${s3}")" "$(echo "$(pct "${s2}" "${s3}") / ${n}" | bc -l)" \
      "${rss}" "$(pct "${c0}" "${c1}")" "$(pct "${c2}" "${c3}")" \
      "$(echo "100 * ${lost} / (${received} + ${lost} + 0.000001)" | bc -l)" "${auth} / ${late}" \
      "$(total "${report}" underruns)" "$(total "${report}" concealedMs)" "${p99}" "${pmax}" \
      "$(grep -o '"cpuSeconds": [0-9.]*' "${report}" | awk '{printf "%.1f", $2}')" | tee -a "${RESULTS}"
  done
done

echo
echo "CPU is % of one core over ${WINDOW} s windows ($(nproc) cores); idle = every cluster holds a session, nothing plays."
echo "simulator options: ${BENCH_SIM_ARGS:-(defaults)}; controller: $(git log -1 --format=%h 2>/dev/null || echo unknown)"
echo "results: ${RESULTS}"
