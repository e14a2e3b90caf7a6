#!/usr/bin/env bash
# Audio pipeline benchmark (issue: foundation). Measures, in ONE run on this machine:
#  1. ./bcast encode (decode + measure + normalise + encode) against ffmpeg's plain transcode of the same
#     10-minute MP3 at the same libopus settings (32 kb/s, complexity 10, 20 ms, VBR, no FEC, signal auto);
#  2. frames/s of the bare libopus encoder through our binding against opusenc on the same 48 kHz WAV.
# Results: a Markdown table on stdout and in bench/out/audio.md. Usage: bench/audio.sh [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
OUT=bench/out
mkdir -p "${OUT}"

for p in ffmpeg:ffmpeg opusenc:opus-tools espeak-ng:espeak-ng; do
  command -v "${p%%:*}" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${p#*:}" >/dev/null; }
done

./bcast --help >/dev/null   # builds the CLI once, outside the timings
dotnet build bench/Broadcast.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

# A 10-minute speech MP3 (44.1 kHz stereo, 128 kb/s) from espeak-ng, as a programme from a commune would arrive.
SRC="${OUT}/speech-10min.mp3"
WAV="${OUT}/speech-10min-48k.wav"
if [ ! -f "${SRC}" ]; then
  text="Thông báo của Ủy ban nhân dân xã về phòng chống lũ quét và sạt lở đất trong mùa mưa bão. Người dân không đi qua suối khi nước lớn. "
  espeak-ng -v vi -s 150 -w "${OUT}/phrase.wav" "${text}${text}${text}"
  ffmpeg -hide_banner -v error -y -stream_loop -1 -i "${OUT}/phrase.wav" -t 600 -af "volume=-9dB" -ac 2 -ar 44100 -c:a libmp3lame -b:a 128k "${SRC}"
fi
[ -f "${WAV}" ] || ffmpeg -hide_banner -v error -y -i "${SRC}" -ac 1 -ar 48000 -c:a pcm_s16le "${WAV}"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

ours=(); theirs=()
for i in $(seq "${RUNS}"); do
  t0=$(now); ffmpeg -hide_banner -v error -y -i "${SRC}" -ac 1 -ar 48000 -c:a libopus -b:a 32k -compression_level 10 -frame_duration 20 -application audio "${OUT}/ffmpeg.opus"; t1=$(now)
  theirs+=("$(echo "${t1} - ${t0}" | bc -l)")
  t0=$(now); ./bcast encode "${SRC}" "${OUT}/ours.opus" --bitrate 32k --complexity 10 --frame-ms 20 --expected-loss 0 --signal Auto >/dev/null 2>&1; t1=$(now)
  ours+=("$(echo "${t1} - ${t0}" | bc -l)")
done
t_ours=$(printf '%s\n' "${ours[@]}" | median)
t_ffmpeg=$(printf '%s\n' "${theirs[@]}" | median)
ratio=$(echo "${t_ours} / ${t_ffmpeg}" | bc -l)

enc=(); native=()
for i in $(seq "${RUNS}"); do
  enc+=("$(dotnet artifacts/bin/Broadcast.Bench/release/Broadcast.Bench.dll encoder "${WAV}")")
  t0=$(now); opusenc --quiet --bitrate 32 --comp 10 --framesize 20 "${WAV}" "${OUT}/opusenc.opus"; t1=$(now)
  native+=("$(echo "30000 / (${t1} - ${t0})" | bc -l)")
done
f_ours=$(printf '%s\n' "${enc[@]}" | median)
f_native=$(printf '%s\n' "${native[@]}" | median)
fratio=$(echo "${f_ours} / ${f_native}" | bc -l)

{
  echo "| measure (median of ${RUNS}, $(nproc) cores, $(date -u +%Y-%m-%d)) | Broadcast | reference | ratio |"
  echo "|---|---|---|---|"
  printf '| 10-min speech MP3 -> Ogg Opus 32 kb/s, wall time (s) | %.2f (`bcast encode`: decode+measure+normalise+encode) | %.2f (ffmpeg plain transcode) | %.3f |\n' "${t_ours}" "${t_ffmpeg}" "${ratio}"
  printf '| bare encoder, 20 ms frames/s on the same 48 kHz WAV | %.0f (OpusEncoder) | %.0f (opusenc, whole run) | %.3f |\n' "${f_ours}" "${f_native}" "${fratio}"
  printf '\nreal-time factor: ours %.0fx, ffmpeg %.0fx\n' "$(echo "600 / ${t_ours}" | bc -l)" "$(echo "600 / ${t_ffmpeg}" | bc -l)"
} | tee "${OUT}/audio.md"
