#!/usr/bin/env bash
# Peer comparison: exports seeded fair instances from the benchmarks project, times FairSolver on them, then solves the
# same CSV files with scipy (benchmarks/compare/lsa.py) and checks that both objective values agree exactly.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"
if ! /usr/bin/python3 -c 'import scipy, numpy' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-scipy python3-numpy >/dev/null
  else
    echo "python3-scipy and python3-numpy are required (apt-get install python3-scipy python3-numpy)" >&2
    exit 2
  fi
fi
dotnet build -c Release "$root/benchmarks/JobHome.Benchmarks" -v q >/dev/null
status=0
for size in "5000 2000 10000" "20000 6000 30000"; do
  set -- $size
  dir="$out/${1}x${2}"
  echo "== $1 seekers x $2 posts, $3 openings"
  dotnet run -c Release --no-build --project "$root/benchmarks/JobHome.Benchmarks" -- export-fair "$1" "$2" "$3" 42 "$dir"
  /usr/bin/python3 "$here/lsa.py" "$dir" || status=1
done
exit $status
