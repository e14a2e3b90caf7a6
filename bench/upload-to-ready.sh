#!/usr/bin/env bash
# Upload-to-ready: time from `bcast upload` of a 30-minute MP3 (default) until the controller answers that the
# programme is in the library (received, decoded, measured, normalised, encoded, stored), next to a plain
# `bcast encode` of the same file measured in the same run as the reference.
# Usage: bench/upload-to-ready.sh [minutes=30]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-30}"
OUT=bench/out
mkdir -p "${OUT}"
SRC="${OUT}/upload-${MINUTES}min.mp3"
# Speech-band noise with a slow level contour: the encoder has real work (loudness, limiter), unlike a pure tone.
[ -f "${SRC}" ] || ffmpeg -hide_banner -v error -y -f lavfi \
  -i "anoisesrc=color=pink:amplitude=0.1:duration=$((MINUTES * 60)):seed=7,lowpass=f=3800,volume='0.5+0.4*sin(2*PI*t/7)':eval=frame" \
  -ac 1 -ar 44100 -c:a libmp3lame -b:a 64k "${SRC}"
./bcast --help >/dev/null
data="$(mktemp -d)"
http=18480 mqtt=18483 udp=18484 password="bench-upload-2026"
trap 'kill ${server_pid:-} 2>/dev/null; wait 2>/dev/null; rm -rf "${data}"' EXIT
./bcast serve --data-dir "${data}" --urls "http://127.0.0.1:${http}" "--Broker:Port=${mqtt}" "--Media:UdpBind=127.0.0.1:${udp}" \
  "--Accounts:InitialAdminPassword=${password}" > "${data}/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do curl -s -o /dev/null "http://127.0.0.1:${http}/openapi/v1.json" && break; sleep 0.5; done
BCAST_PASSWORD="${password}" ./bcast login --server "http://127.0.0.1:${http}" --user admin </dev/null >/dev/null

start=$(date +%s.%N)
./bcast upload "${SRC}" --title "Bench ${MINUTES} min" --category news --server "http://127.0.0.1:${http}" 2>/dev/null > "${OUT}/upload-result.txt"
end=$(date +%s.%N)
upload=$(echo "${end} - ${start}" | bc -l)

start=$(date +%s.%N)
./bcast encode "${SRC}" "${data}/reference.opus" >/dev/null 2>&1
end=$(date +%s.%N)
encode=$(echo "${end} - ${start}" | bc -l)

printf '| %s-min MP3 (%s) | upload-to-ready %.1f s | bcast encode alone %.1f s | ratio %.2f | load average %s |\n' \
  "${MINUTES}" "$(du -h "${SRC}" | cut -f1)" "${upload}" "${encode}" "$(echo "${upload} / ${encode}" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee "${OUT}/upload.md"
