#!/bin/bash
# UPF forwarding benchmark (issue 8 "Speed"): starts `glasscore up --nf upf` pinned to CPU 1 (one worker) or to
# CPUs 0-1 (two workers), drives it with the neutral upfrig (../shared/tools/upfrig/bench.py: PFCP session set-up,
# stepped UL and DL load with 64 and 1,400 byte packets) and prints upfrig's kernel-only ceiling ("cal": the same
# sender into a plain UDP socket, no UPF) beside the UPF's figures. Needs root (TUN) and python3.
#
#   bench/upf.sh            # one core: UPF on CPU 1, rig on CPU 0
#   bench/upf.sh two        # two cores: UPF with 2 workers on CPUs 0-1, rig unpinned
#   DURATION=3 bench/upf.sh # longer steps (default 2 s each)
#
# Figures go to stdout and to $OUT/upf-<mode>.json; the lead copies them into bench/RESULTS.md on a quiet machine.
set -euo pipefail
MODE=${1:-one}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
UPFRIG=${UPFRIG:-$ROOT/../shared/tools/upfrig}
OUT=${OUT:-/tmp/glasscore-upf-bench}
DURATION=${DURATION:-2}
case "$MODE" in
  one) WORKERS=1; UPF_CPUS=1; RIG_CPUS=0 ;;
  two) WORKERS=2; UPF_CPUS=0,1; RIG_CPUS= ;;
  *) echo "usage: $0 [one|two]" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "$0: needs root (the UPF creates its N6 TUN)" >&2; exit 2; }
[ -f "$UPFRIG/bench.py" ] || { echo "$0: upfrig not found at $UPFRIG (set UPFRIG=)" >&2; exit 2; }

# GLASSCORE=/path/to/glasscore skips the Release build (which compiles the NGAP library too, slow on a loaded machine).
GLASSCORE=${GLASSCORE:-}
if [ -z "$GLASSCORE" ]; then
  dotnet build -c Release "$ROOT/src/GlassCore" -o "$OUT/bin" -v quiet -nologo >/dev/null
  GLASSCORE=$OUT/bin/glasscore
fi
mkdir -p "$OUT/data"
cat > "$OUT/upf.yaml" <<YAML
dataDir: $OUT/data
logLevel: warning
sbi:
  oauth2: false   # the UPF has no SBI; no NRF key needed
upf:
  pfcp: 127.0.0.7:8805
  n3: 127.0.0.7
  tun: glasscore0
  tunAddress: 10.45.0.1/16
  workers: $WORKERS
YAML

taskset -c "$UPF_CPUS" "$GLASSCORE" up --config "$OUT/upf.yaml" --nf upf > "$OUT/upf.log" 2>&1 &
UPF=$!
trap 'kill -TERM $UPF 2>/dev/null; wait $UPF 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^ready' "$OUT/upf.log" && break
  kill -0 $UPF 2>/dev/null || { cat "$OUT/upf.log" >&2; exit 1; }
  sleep 0.2
done
grep -q 'UPF   gtpu' "$OUT/upf.log" || { echo "UPF did not start its packet path:" >&2; cat "$OUT/upf.log" >&2; exit 1; }
echo "# glasscore up --nf upf: pid $UPF, $WORKERS worker(s) on CPU(s) $UPF_CPUS; rig CPUs ${RIG_CPUS:-any}"

python3 "$UPFRIG/bench.py" --upf-pfcp 127.0.0.7:8805 --upf-n3 127.0.0.7 --choose --tun glasscore0 \
  --dirs cal,ul,dl --sizes 64,1400 --duration "$DURATION" --quiet-pfcp --upf-pid "$UPF" \
  ${RIG_CPUS:+--rig-cpus "$RIG_CPUS"} --json "$OUT/upf-$MODE.json"
echo "# kernel-only ceiling = the 'rig ceiling' lines above (same sender and datagrams into a plain UDP socket, no UPF)"
echo "# target: >= 3x Open5GS (96 kpps, 1.1 Gbit/s) = 288 kpps / 3.3 Gbit/s"
