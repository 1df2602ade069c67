#!/usr/bin/env bash
# Runs every test of JobHome Cluster on a fresh Debian 12 machine with the .NET 10 SDK:
# restores and builds, starts a throwaway PostgreSQL cluster (installing Debian's postgresql package
# when it is missing and we are root; likewise nodejs and npm for the deployment tests), runs every
# test project, always removes the cluster.
# Usage: ./test.sh [--long] [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Domain]
#   --long  also runs the soak, scale and long load tests (trait Category=Long), skipped by default to keep the
#           suite under 30 minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CONFIG=${CONFIG:-Release}

LONG=0
ARGS=()
for arg in "$@"; do
  if [ "$arg" = "--long" ]; then LONG=1; else ARGS+=("$arg"); fi
done
HAS_FILTER=0
for arg in "${ARGS[@]+"${ARGS[@]}"}"; do
  [ "$arg" = "--filter" ] && HAS_FILTER=1
done
# The seed-text tests compare the domain tables with the Chinese seed documents, which live outside the repository
# (../shared/seeds beside it, or wherever JOBHOME_SEEDS points). Where they are absent the tests would fail for that
# reason alone: they are left out, and the closing line says so.
SEEDS=${JOBHOME_SEEDS:-$ROOT/../shared/seeds}
SEEDS_NOTE=""
FILTERS=()
if [ -d "$SEEDS" ]; then
  export JOBHOME_SEEDS=$(cd "$SEEDS" && pwd)
else
  SEEDS_NOTE="; seed-text tests (Category=Seeds) not run: no seed documents at $SEEDS (set JOBHOME_SEEDS)"
  FILTERS+=("Category!=Seeds")
fi
[ "$LONG" = 0 ] && FILTERS+=("Category!=Long")
if [ "$HAS_FILTER" = 0 ] && [ ${#FILTERS[@]} -gt 0 ]; then
  ARGS+=(--filter "$(IFS='&'; echo "${FILTERS[*]}")")
fi

log() { printf '\033[1m[test.sh]\033[0m %s\n' "$*" >&2; }

find_pg_bin() {
  local d
  for d in "$(dirname "$(command -v initdb 2>/dev/null || echo /none/initdb)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

PGBIN=$(find_pg_bin || true)
if [ -z "$PGBIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "PostgreSQL server not found: installing Debian's postgresql package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(find_pg_bin)
  else
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found. Install Debian's package: sudo apt-get install postgresql" >&2
    exit 2
  fi
fi

# Node.js and npm: the deployment tests validate k8s/ with an npm package (k8s/validate, installed by `npm ci`).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "Node.js/npm not found: installing Debian's nodejs and npm packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "Node.js and npm not found (needed by tests/JobHome.Deployment.Tests). Install Debian's packages: sudo apt-get install nodejs npm" >&2
    exit 2
  fi
fi

# Chromium for the dashboard's browser tests (tests/JobHome.Dashboard.Tests drive /usr/bin/chromium with Playwright;
# no browser is ever downloaded), with a CJK font so that Chinese text renders in their screenshots.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "Chromium or a CJK font not found: installing Debian's chromium and fonts-wqy-microhei packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    echo "Chromium not found (needed by tests/JobHome.Dashboard.Tests). Install Debian's packages: sudo apt-get install chromium fonts-wqy-microhei" >&2
    exit 2
  fi
fi

WORK=$(mktemp -d /tmp/jobhome-test.XXXXXX)
chmod 755 "$WORK"
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: the cluster belongs to the postgres user the package creates.
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  RUN_AS=(runuser -u postgres --)
fi
mkdir -p "$WORK/pg"
[ ${#RUN_AS[@]} -gt 0 ] && chown postgres "$WORK/pg"

cleanup() {
  local rc=$?
  if [ -f "$WORK/pg/data/postmaster.pid" ]; then
    "${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

PORT=$(free_port)
log "starting throwaway PostgreSQL ($PGBIN) on 127.0.0.1:$PORT in $WORK/pg"
# Password authentication (scram-sha-256), not trust, so that wrong-password start-up tests can fail.
PGPASS=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
printf '%s\n' "$PGPASS" >"$WORK/pg/pwfile"
[ ${#RUN_AS[@]} -gt 0 ] && chown postgres "$WORK/pg/pwfile"
"${RUN_AS[@]}" "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres --auth=scram-sha-256 --pwfile="$WORK/pg/pwfile" -E UTF8 --no-locale >"$WORK/pg/initdb.log" 2>&1 \
  || { cat "$WORK/pg/initdb.log" >&2; exit 1; }
# max_connections: test projects run side by side, and a cluster test's silo processes each keep a few connection pools
# (Orleans' ADO.NET providers, the stream adapter, the audit log): three silos under load hold ~130 connections, and the
# whole suite was seen at 200 (sampled every 2 s) on a machine where 300 was the limit.
"${RUN_AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 60 \
  -o "-p $PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=1000 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$WORK/pg/server.log" >&2; exit 1; }
# Timeout (Npgsql's connect timeout, default 15 s): the tests' own connections and the silos they start from this string
# wait up to 30 s for a connection, since a whole test run keeps both cores busy (one CI run saw three opens time out at
# 15 s at once: two tests' set-up or clean-up and one silo's start-up check). GSS Encryption Mode=Disable: the silo's own
# default for a string that names none (docs/storage.md), said here for the tests' own connections too (Npgsql's Prefer
# retries every failed open on a second connection).
export JOBHOME_TEST_PG="Host=127.0.0.1;Port=$PORT;Username=postgres;Password=$PGPASS;Database=postgres;Pooling=true;Maximum Pool Size=100;Timeout=30;GSS Encryption Mode=Disable"

log "restoring and building ($CONFIG)"
dotnet build JobHome.Cluster.sln -c "$CONFIG" -nologo -v quiet

# The dashboard's unit tests (Vitest: formatting, masking, verdicts, sorting, SSE coalescing, i18n completeness) and its
# type check; the .NET build above ran `npm ci` in web/ through the silo's MSBuild target.
log "running the dashboard's unit tests (web/, Vitest)"
set +e
(cd web && npx --no-install tsc --noEmit -p . && npx --no-install vitest run --reporter=default --reporter=json --outputFile="$WORK/vitest.json")
WEB_RC=$?
set -e

log "running every test project"
set +e
dotnet test JobHome.Cluster.sln -c "$CONFIG" --no-build -nologo \
  --results-directory "$WORK/results" --logger "trx" --logger "console;verbosity=normal" "${ARGS[@]+"${ARGS[@]}"}"
TEST_RC=$?
set -e

# One closing line with the totals over every test project.
passed=0; failed=0; skipped=0
for f in "$WORK"/results/*.trx; do
  [ -f "$f" ] || continue
  c=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c"); passed=$(( passed + ${p:-0} ))
  x=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c"); failed=$(( failed + ${x:-0} ))
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$c"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$c")
  skipped=$(( skipped + ${t:-0} - ${e:-0} ))
done
if [ -f "$WORK/vitest.json" ]; then
  p=$(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests)' "$WORK/vitest.json"); passed=$(( passed + ${p:-0} ))
  x=$(node -e 'const r=require(process.argv[1]);console.log(r.numFailedTests)' "$WORK/vitest.json"); failed=$(( failed + ${x:-0} ))
fi
# The failed tests again at the end, each with the head of its message, stack and output (the full console log is
# above): a CI log is often read from its tail.
FAILED_TRX=("$WORK"/results/*.trx)
if [ "$failed" -ne 0 ] || [ "$TEST_RC" -ne 0 ]; then
  [ -f "${FAILED_TRX[0]}" ] && { node tests/report-failures.mjs "${FAILED_TRX[@]}" || true; }
  # What the throwaway PostgreSQL server complained of, by message (e.g. connection slots), when anything failed.
  # A crashed backend (e.g. the kernel's OOM killer) restarts every connection at once: its LOG lines are kept too.
  PG_PROBLEMS='(FATAL|PANIC|ERROR):|terminated by signal|terminating any other active server processes|in recovery mode'
  if [ -f "$WORK/pg/server.log" ] && grep -qE "$PG_PROBLEMS" "$WORK/pg/server.log"; then
    log "PostgreSQL server log, problems by count (database names shortened):"
    grep -E "$PG_PROBLEMS" "$WORK/pg/server.log" | sed -E 's/^[^A-Z]*[0-9]{2}:[0-9]{2}:[0-9.]+ [A-Z]+ \[[0-9]+\] //; s/_[0-9a-f]{32}/_…/g; s/PID [0-9]+/PID …/g' \
      | sort | uniq -c | sort -rn | head -15 >&2
  fi
  # Processes the kernel killed for memory during the run (where the kernel log is readable).
  OOM=$(dmesg 2>/dev/null | grep -iE 'out of memory|oom-kill|killed process' | tail -5 || true)
  [ -n "$OOM" ] && { log "the kernel killed processes for memory:"; echo "$OOM" >&2; }
fi
[ "$WEB_RC" -ne 0 ] && log "the dashboard's unit tests or type check failed (web/)"
[ -n "$SEEDS_NOTE" ] && log "WARNING: ${SEEDS_NOTE#; }"
echo "${passed} passed, ${failed} failed, ${skipped} skipped${SEEDS_NOTE}"
if [ "$TEST_RC" -ne 0 ] || [ "$WEB_RC" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
