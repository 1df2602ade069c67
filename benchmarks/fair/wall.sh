#!/usr/bin/env bash
# Wall-clock time of `jobhome fair match` end to end: runs it N times (default 5) under /usr/bin/time -v on the
# export-match-csv data and prints each run (wall, user/sys CPU, max RSS, phases, load average) and the medians.
# usage: benchmarks/fair/wall.sh [N] [SEEKERS POSTS]
#   env CLI=path/to/jobhome (default: build src/JobHome.Cli in Release and use it)
#   env DATA=dir with seekers.csv / posts.csv (default: benchmarks/fair/out/120000x50000, generated when missing)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
seekers="${2:-120000}"
posts="${3:-50000}"
data="${DATA:-$here/out/${seekers}x${posts}}"
if [ ! -f "$data/seekers.csv" ] || [ ! -f "$data/posts.csv" ]; then
  dotnet run -c Release --project "$root/benchmarks/JobHome.Benchmarks" -- export-match-csv "$seekers" "$posts" "$data"
fi
if [ -z "${CLI:-}" ]; then
  dotnet build -c Release "$root/src/JobHome.Cli" -v q >/dev/null
  artifacts="${JOBHOME_ARTIFACTS:-}"
  if [ -n "$artifacts" ]; then CLI="$artifacts/bin/JobHome.Cli/release/jobhome"; else CLI="$root/src/JobHome.Cli/bin/Release/net10.0/jobhome"; fi
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
walls=(); users=()
for i in $(seq 1 "$runs"); do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -v "$CLI" fair match --seekers "$data/seekers.csv" --posts "$data/posts.csv" --out "$tmp/assignment.csv" \
    --as-of 2026-06-15 >"$tmp/out.txt" 2>"$tmp/time.txt"
  wall="$(grep 'Elapsed (wall clock)' "$tmp/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')"
  user="$(grep 'User time' "$tmp/time.txt" | awk '{print $NF}')"
  sys="$(grep 'System time' "$tmp/time.txt" | awk '{print $NF}')"
  rss="$(grep 'Maximum resident' "$tmp/time.txt" | awk '{print $NF}')"
  phases="$(grep -E '^ *time ' "$tmp/out.txt" | awk '{printf "%s=%s ", $2, $(NF-1)}')"
  echo "run $i: wall ${wall} s, user ${user} s, sys ${sys} s, max RSS $((rss / 1024)) MB; ms: ${phases}; load ${load}"
  walls+=("$wall"); users+=("$user")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "median of $runs: wall $(median "${walls[@]}") s, user CPU $(median "${users[@]}") s ($CLI; $seekers x $posts; load now $(cut -d' ' -f1-3 /proc/loadavg))"
