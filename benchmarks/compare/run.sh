#!/usr/bin/env bash
# Side by side: our exact fair solver vs scipy on the same exported top-50 instances.
# Usage: benchmarks/compare/run.sh [sizes...]   (default: 5000x2000 20000x6000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${FAIR_COMPARE_DIR:-$root/artifacts/fair-compare}"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(5000x2000 20000x6000); fi
py=/usr/bin/python3
if ! "$py" -c "import scipy, numpy" 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y python3-scipy python3-numpy >/dev/null; else echo "need python3-scipy and python3-numpy (apt-get as root)"; exit 1; fi
fi
export JOBHOME_ARTIFACTS="${JOBHOME_ARTIFACTS:-$root/artifacts}"
dotnet build -c Release "$root/benchmarks/JobHome.Benchmarks" -v q -nologo >/dev/null
dll="$JOBHOME_ARTIFACTS/bin/JobHome.Benchmarks/release/JobHome.Benchmarks.dll"
mkdir -p "$out"
dotnet "$dll" export-fair "$out" "${sizes[@]}"
for size in "${sizes[@]}"; do
  echo "== $size"
  ours=$(dotnet "$dll" time-fair "$out" "$size" 5 score | grep '^csharp')
  echo "$ours"
  dense_bytes=$("$py" -c "
import numpy as np
p=np.loadtxt('$out/$size.posts.csv',delimiter=',',skiprows=1,dtype=np.int64).reshape(-1,2)
pairs=np.loadtxt('$out/$size.pairs.csv',delimiter=',',skiprows=1,usecols=(0,1),dtype=np.int64)
indeg=np.bincount(pairs[:,1],minlength=len(p)); n=pairs[:,0].max()+1
print(int(n*(np.minimum(p[:,1],indeg).sum()+n)*8))")
  methods=(sparse)
  if [ "$dense_bytes" -lt $((4 * 1024 * 1024 * 1024)) ]; then
    methods=(dense sparse)
  else
    echo "scipy $size method=dense skipped: the dense benefit matrix alone needs $((dense_bytes / 1048576)) MB (> 4 GB budget; LSA copies it again)"
  fi
  for m in "${methods[@]}"; do
    theirs=$("$py" "$root/benchmarks/compare/fair_scipy.py" "$out/$size" "$m")
    echo "$theirs"
    "$py" - "$ours" "$theirs" <<'PY'
import sys
def kv(line): return dict(x.split("=", 1) for x in line.split() if "=" in x)
a, b = kv(sys.argv[1]), kv(sys.argv[2])
agree = a["total_micro"] == b["total_micro"]
print(f"   objectives {'AGREE' if agree else 'DIFFER'}: ours={a['total_micro']} scipy[{b['method']}]={b['total_micro']}; "
      f"scipy solve / ours = {float(b['solve_ms']) / float(a['median_ms']):.2f}x")
PY
  done
done
