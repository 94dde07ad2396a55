#!/bin/bash
# UPF forwarding benchmark (issue 8 "Speed"). In a network namespace of its own (so it collides with no other UPF,
# TUN or port on the machine) it drives, with the neutral upfrig (../shared/tools/upfrig: paced sendmmsg sender,
# counting sinks, kernel counters; 64 and 1,400 byte UDP payloads, uplink and downlink, stepped load):
#   1. the kernel-only ceiling of the same path: bench/upf-ceiling.c, the same N3 UDP socket and N6 TUN round trip
#      (recvmmsg -> TUN write, TUN read -> sendmmsg) without any UPF logic, same workers and CPUs as the UPF;
#   2. `glasscore up --nf upf` with the same workers and CPUs, over PFCP (one session, QFI 1);
# and prints both side by side: packets/s and Gbit/s (inner IP packets) at <= 1 % loss and at peak, the UPF/ceiling
# ratio, and CPU nanoseconds per forwarded packet (utime+stime of the forwarder over the step; load-independent).
# Needs root (netns, TUN), python3 and gcc.
#
#   bench/upf.sh            # one worker on CPU 1, rig on CPU 0
#   bench/upf.sh two        # two workers on CPUs 0-1, rig unpinned (one session: its TEID and flow land on one worker)
#   bench/upf.sh both       # one, then two
#   DURATION=3 SIZES=64 DIRS=ul bench/upf.sh   # longer steps, fewer cases; CEILING=0 skips the ceiling
#   TUN_IO_URING=false N3_GSO=false bench/upf.sh   # one read/write per TUN packet, one datagram per G-PDU (both sides)
#   NICE=0 bench/upf.sh     # forwarders and rig run at nice -20 by default (a busy machine steals less of the steps)
#
# Results go to stdout and $OUT/{ceiling,upf}-<mode>.json; the lead copies them into bench/RESULTS.md.
set -euo pipefail
MODE=${1:-one}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
UPFRIG=${UPFRIG:-$ROOT/../shared/tools/upfrig}
OUT=${OUT:-/tmp/glasscore-upf-bench}
DURATION=${DURATION:-2}
SIZES=${SIZES:-64,1400}
DIRS=${DIRS:-ul,dl}
RATES=${RATES:-50000,100000,150000,200000,250000,300000,350000,400000,500000,600000}
CEILING=${CEILING:-1}
# The UPF's and the ceiling's batching: TUN reads/writes through io_uring, downlink runs as UDP GSO datagrams.
TUN_IO_URING=${TUN_IO_URING:-true}
N3_GSO=${N3_GSO:-true}
# Forwarders and rig run at this nice level: on a machine busy with other work they then still get their CPUs. With
# autogroup scheduling (kernel.sched_autogroup_enabled) a nice value only counts inside its session's group, so the
# script runs in a session of its own and gives that whole group the nice level.
NICE=${NICE:--20}
if [ -z "${UPF_BENCH_SESSION:-}" ] && [ "$(id -u)" = 0 ]; then
  UPF_BENCH_SESSION=1 exec setsid -w "$0" "$@"
fi
[ -w /proc/self/autogroup ] && echo "$NICE" > /proc/self/autogroup 2>/dev/null || true
NS=${NETNS:-gcupfbench$$}
case "$MODE" in
  one|two) MODES=$MODE ;;
  both) MODES="one two" ;;
  *) echo "usage: $0 [one|two|both]" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "$0: needs root (network namespace, TUN)" >&2; exit 2; }
[ -f "$UPFRIG/bench.py" ] || { echo "$0: upfrig not found at $UPFRIG (set UPFRIG=)" >&2; exit 2; }
mkdir -p "$OUT/data"

# GLASSCORE=/path/to/glasscore skips the Release build (which compiles the NGAP library too, slow on a loaded machine).
GLASSCORE=${GLASSCORE:-}
if [ -z "$GLASSCORE" ]; then
  dotnet build -c Release "$ROOT/src/GlassCore" -o "$OUT/bin" -v quiet -nologo >/dev/null
  GLASSCORE=$OUT/bin/glasscore
fi
gcc -O2 -Wall -pthread -o "$OUT/upf-ceiling" "$ROOT/bench/upf-ceiling.c"

ip netns add "$NS"
PID=
cleanup() {
  [ -n "$PID" ] && { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; }
  ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT
ip -n "$NS" link set lo up
IN=(ip netns exec "$NS" nice -n "$NICE")

# Everything is inside the namespace: N4 127.0.0.7:8805, N3 127.0.0.7:2152, N6 TUN gcbench0 10.45.0.1/16 (UE
# 10.45.0.2), the rig's SMF stand-in 127.0.0.1:8805 and fake gNB 127.0.0.1:2152.
RIG_ARGS=(--upf-pfcp 127.0.0.7:8805 --upf-n3 127.0.0.7 --tun gcbench0 --dirs "cal,$DIRS" --sizes "$SIZES"
  --duration "$DURATION" --rates "$RATES" --quiet-pfcp)

wait_ready() {
  for _ in $(seq 1 150); do
    grep -q '^ready' "$1" && return 0
    kill -0 "$PID" 2>/dev/null || { cat "$1" >&2; exit 1; }
    sleep 0.2
  done
  echo "$2 did not start:" >&2; cat "$1" >&2; exit 1
}

stop_forwarder() {
  kill -TERM "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=
}

for m in $MODES; do
  case "$m" in
    one) WORKERS=1; FWD_CPUS=1; RIG_CPUS=0 ;;
    two) WORKERS=2; FWD_CPUS=0,1; RIG_CPUS= ;;
  esac
  echo "### $m: $WORKERS worker(s) on CPU(s) $FWD_CPUS, rig on CPU(s) ${RIG_CPUS:-any}"
  if [ "$CEILING" = 1 ]; then
    "${IN[@]}" taskset -c "$FWD_CPUS" "$OUT/upf-ceiling" -n 127.0.0.7 -t gcbench0 -a 10.45.0.1/16 -g 127.0.0.1 \
      -d 2 -q 1 -w "$WORKERS" \
      $([ "$TUN_IO_URING" = true ] && echo -u) $([ "$N3_GSO" = true ] && echo -s) > "$OUT/ceiling.log" 2>&1 &
    PID=$!
    wait_ready "$OUT/ceiling.log" "upf-ceiling"
    echo "## kernel-only ceiling (bench/upf-ceiling.c, pid $PID)"
    "${IN[@]}" python3 "$ROOT/bench/upf-rig.py" "$UPFRIG" --ceiling -- "${RIG_ARGS[@]}" --upf-pid "$PID" \
      ${RIG_CPUS:+--rig-cpus "$RIG_CPUS"} --json "$OUT/ceiling-$m.json" | grep -v '^#'
    stop_forwarder
  fi
  cat > "$OUT/upf.yaml" <<YAML
dataDir: $OUT/data
logLevel: warning
sbi:
  oauth2: false   # the UPF has no SBI; no NRF key needed
upf:
  pfcp: 127.0.0.7:8805
  n3: 127.0.0.7
  tun: gcbench0
  tunAddress: 10.45.0.1/16
  workers: $WORKERS
  tunIoUring: $TUN_IO_URING
  n3Gso: $N3_GSO
YAML
  "${IN[@]}" taskset -c "$FWD_CPUS" "$GLASSCORE" up --config "$OUT/upf.yaml" --nf upf > "$OUT/upf.log" 2>&1 &
  PID=$!
  wait_ready "$OUT/upf.log" "glasscore up --nf upf"
  grep -q 'UPF   gtpu' "$OUT/upf.log" || { echo "UPF did not start its packet path:" >&2; cat "$OUT/upf.log" >&2; exit 1; }
  echo "## GlassCore UPF (glasscore up --nf upf, pid $PID)"
  "${IN[@]}" python3 "$ROOT/bench/upf-rig.py" "$UPFRIG" -- "${RIG_ARGS[@]}" --choose --upf-pid "$PID" \
    ${RIG_CPUS:+--rig-cpus "$RIG_CPUS"} --json "$OUT/upf-$m.json" | grep -v '^# \(UPF pid\|answered\)'
  stop_forwarder
  python3 "$ROOT/bench/upf-rig.py" report "$OUT/upf-$m.json" "$OUT/ceiling-$m.json" "$m"
done
echo "# target: >= 3x Open5GS's TUN UPF (96 kpps, 1.1 Gbit/s on 2 vCPUs) = 288 kpps / 3.3 Gbit/s"
