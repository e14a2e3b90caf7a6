#!/usr/bin/env bash
# Scheduling accuracy (issue #6): N one-off slots SPACING ms apart on the real Quartz scheduler with its ADO.NET store
# in a SQLite file, on the real clock; fire time (the moment the slot's broadcast is requested, after the ledger
# claim) minus planned time, p50/p99/max. Runs tests/Broadcast.Scheduling.Tests SchedulingAccuracyTests, which also
# checks that every slot fired exactly once. Result: one line on stdout and in bench/out/scheduling-accuracy.txt.
# Usage: bench/scheduling-accuracy.sh [slots=200] [spacing_ms=100]   (BCAST_ARTIFACTS=DIR builds outside artifacts/)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "${OUT}"
export BCAST_SCHED_ACCURACY_SLOTS="${1:-200}"
export BCAST_SCHED_ACCURACY_SPACING_MS="${2:-100}"
export BCAST_SCHED_ACCURACY_OUT="${PWD}/${OUT}/scheduling-accuracy.txt"
rm -f "${BCAST_SCHED_ACCURACY_OUT}"
dotnet test tests/Broadcast.Scheduling.Tests -c Release -nologo -v quiet ${BCAST_ARTIFACTS:+-p:ArtifactsPath=${BCAST_ARTIFACTS}} \
  --filter "FullyQualifiedName~SchedulingAccuracyTests" >"${OUT}/scheduling-accuracy.log" 2>&1 \
  || { cat "${OUT}/scheduling-accuracy.log" >&2; exit 1; }
printf '%s (%s cores, load average %s)\n' "$(cat "${BCAST_SCHED_ACCURACY_OUT}")" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
