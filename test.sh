#!/usr/bin/env bash
# Runs every GlassCore test on a fresh Debian machine: installs what the tests need, checks the house
# style, then runs every test project. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prereqs.sh
ensure_dotnet
ensure_packages tshark libusrsctp2 libusrsctp-examples curl postgresql python3 iproute2 iputils-ping

echo "== build"
dotnet build GlassCore.slnx -c Release -nologo -v q

echo "== style (dotnet format whitespace --verify-no-changes)"
# Layout is checked here; the .editorconfig code-style rules are enforced by the build itself
# (EnforceCodeStyleInBuild with warnings as errors). dotnet format's own workspace does not run the ASN.1
# source generator, so its semantic passes would report the generated NGAP types as missing.
dotnet format whitespace GlassCore.slnx --verify-no-changes -v q

echo "== tests"
# A throwaway PostgreSQL server for the UDR's PostgreSQL tests (they skip, visibly, without one).
pgdir=$(mktemp -d /tmp/glasscore-pg.XXXXXX)
if GLASSCORE_PG=$(scripts/pg-throwaway.sh start "$pgdir"); then
  export GLASSCORE_PG
  trap 'scripts/pg-throwaway.sh stop "$pgdir"' EXIT
else
  echo "PostgreSQL did not start; its tests will be skipped" >&2
fi
log=$(mktemp)
set +e
# A hung test host must fail the run, not eat CI's time: vstest ends a test host whose test runs past 8 minutes
# (the longest, the 10,000-UE run, takes about 2), and the whole run is cut off at 40.
timeout --kill-after=30s 40m dotnet test GlassCore.slnx -c Release --no-build -nologo \
  --blame-hang-timeout 8m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# One plain closing line over all test projects.
awk '/(Passed|Failed)!  *- *Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) + 0 }
         if ($i == "Passed:")  { p += $(i+1) + 0 }
         if ($i == "Skipped:") { s += $(i+1) + 0 }
       }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$rc"
