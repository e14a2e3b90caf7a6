#!/usr/bin/env bash
# Soak: encode a programme of several hours (default 3 h) and report wall time and peak memory, to show that long
# files go through the two-pass path (decoded twice, never held whole in memory) and finish.
# Usage: bench/long-file.sh [hours=3]
set -euo pipefail
cd "$(dirname "$0")/.."
HOURS="${1:-3}"
OUT=bench/out
mkdir -p "${OUT}"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
./bcast --help >/dev/null
SRC="${OUT}/long-${HOURS}h.mp3"
[ -f "${SRC}" ] || ffmpeg -hide_banner -v error -y -f lavfi -i "anoisesrc=color=pink:amplitude=0.05:duration=$((HOURS * 3600)):seed=3,lowpass=f=3800" \
  -ac 1 -ar 22050 -c:a libmp3lame -b:a 32k "${SRC}"
/usr/bin/time -v ./bcast encode "${SRC}" "${OUT}/long.opus" --json 2> "${OUT}/long-time.txt" | tee "${OUT}/long-result.json"
wall=$(grep 'Elapsed (wall clock)' "${OUT}/long-time.txt" | awk '{print $NF}')
rss=$(grep 'Maximum resident' "${OUT}/long-time.txt" | awk '{print $NF}')
dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "${OUT}/long.opus")
printf '| %s h pink-noise MP3 -> Ogg Opus | wall %s | peak RSS %.0f MiB | output duration %.3f s |\n' "${HOURS}" "${wall}" "$(echo "${rss} / 1024" | bc -l)" "${dur}" | tee "${OUT}/long.md"
