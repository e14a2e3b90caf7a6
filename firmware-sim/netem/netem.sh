#!/usr/bin/env bash
# Kernel-level impairment for the simulator (needs root). See README.md next to this file.
set -euo pipefail
NS=bcast-sim
HOST_IF=bcast-h
SIM_IF=bcast-s
case "${1:-}" in
  up)
    spec="${2:-delay 80ms 30ms loss 5%}"
    ip netns add "$NS"
    ip link add "$HOST_IF" type veth peer name "$SIM_IF"
    ip link set "$SIM_IF" netns "$NS"
    ip addr add 10.99.0.1/24 dev "$HOST_IF"
    ip link set "$HOST_IF" up
    ip netns exec "$NS" ip addr add 10.99.0.2/24 dev "$SIM_IF"
    for i in $(seq 3 254); do ip netns exec "$NS" ip addr add "10.99.0.$i/32" dev "$SIM_IF"; done
    ip netns exec "$NS" ip link set "$SIM_IF" up
    ip netns exec "$NS" ip link set lo up
    # Impair what the simulator receives: ingress is shaped on the host side of the veth (its egress).
    # shellcheck disable=SC2086
    tc qdisc add dev "$HOST_IF" root netem $spec
    echo "namespace $NS up; host 10.99.0.1, simulator 10.99.0.2-254; netem: $spec"
    ;;
  run)
    shift; [ "${1:-}" = "--" ] && shift
    ip netns exec "$NS" dotnet run --project "$(dirname "$0")/../Broadcast.FirmwareSim" -- "$@"
    ;;
  down)
    ip link del "$HOST_IF" 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 up [NETEM-SPEC] | run -- SIM-ARGS | down" >&2
    exit 2
    ;;
esac
