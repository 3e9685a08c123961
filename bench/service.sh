#!/usr/bin/env bash
# The pet service benchmark (BENCHMARKS.md, "pet service"). Runs itself under
# scripts/with-moto and scripts/with-postgres. A bounded load generator
# (service/examples/loadgen.rs) sends a fixed number of requests from a fixed number of workers
# over 127.0.0.1, through the service and, for comparison, straight to the same datastore with
# the same call (the SDK call, or the SQL statement). Three datastores: moto (the
# DynamoDB-compatible test server; slow), a stand-in that answers at once, which leaves the
# service's own cost visible, and PostgreSQL (STORE=postgres, a local server without TLS).
# RSS is read from /proc: idle after start, and peak.
# Knobs: N_FAST, N_MOTO, N_PG (requests per round), C (workers), ROUNDS. Then a throughput run
# with 8 workers against the stand-in.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${PETSTORE_TEST_DYNAMODB:-}" ] || exec scripts/with-moto "$0" "$@"
[ -n "${PETSTORE_TEST_POSTGRES:-}" ] || exec scripts/with-postgres "$0" "$@"

N_MOTO=${N_MOTO:-300}
N_FAST=${N_FAST:-3000}
N_PG=${N_PG:-3000}
C=${C:-1}
ROUNDS=${ROUNDS:-5}
cargo build --release --locked --quiet -p petstore --bin petstore --example loadgen
L=target/release/examples/loadgen
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# Start the service against $1 with table $2 (or, with $1 = postgres, against database $2 of
# the test server); sets $url and $pid.
start_service() {
  local log="$work/service-$RANDOM.log"
  if [ "$1" = postgres ]; then
    env -i PATH="$PATH" STORE=postgres PORT=0 PGHOST="$pg_host" PGPORT="$pg_port" PGUSER="$pg_user" \
      PGPASSWORD="$pg_password" PGDATABASE="$2" PGSSLMODE=disable target/release/petstore >"$log" &
  else
    env -i PATH="$PATH" TABLE_NAME="$2" PORT=0 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=testing \
      AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true AWS_ENDPOINT_URL_DYNAMODB="$1" \
      target/release/petstore >"$log" &
  fi
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 100); do
    grep -q '"msg":"listening"' "$log" 2>/dev/null && break
    sleep 0.05
  done
  url="http://127.0.0.1:$(grep -o '"addr":"[^"]*"' "$log" | head -1 | sed 's/.*:\([0-9]*\)"$/\1/')"
}
# CPU time (user + system) the process has used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
seed() { for i in $(seq 0 99); do curl -s -o /dev/null -X POST -H 'content-type: application/json' -d '{"name":"Bench"}' "$url/petstore/pets/bench-$i"; done; }

results="$work/results.jsonl"
# One round of a pair: the direct call and the same call through the service, back to back,
# so both see the same machine noise. Each datastore gets ROUNDS rounds; the tables report
# the median of each figure over the rounds.
pair() { # store call direct-args... -- service-args...
  local store=$1 call=$2; shift 2
  local direct=() via=()
  while [ "$1" != -- ]; do direct+=("$1"); shift; done; shift; via=("$@")
  $L "${direct[@]}" >/dev/null; $L "${via[@]}" >/dev/null  # warm up: connections, credentials
  for _ in $(seq 1 "$ROUNDS"); do
    for kind in direct via; do
      local j
      if [ "$kind" = direct ]; then j=$($L "${direct[@]}"); else j=$($L "${via[@]}"); fi
      python3 -c 'import json,sys; j=json.loads(sys.argv[2]); j["name"]=sys.argv[1]; print(json.dumps(j))' "$store $call $kind" "$j" >> "$results"
    done
  done
}

# 1. A stand-in that answers at once: what is left is the service.
table="bench-$$"
$L fake-dynamodb >"$work/fake.addr" &
pids+=("$!")
for _ in $(seq 1 100); do [ -s "$work/fake.addr" ] && break; sleep 0.05; done
fake=$(head -1 "$work/fake.addr")
start_service "$fake" "$table"
fast_pid=$pid
sleep 0.5
idle_fast=$(rss_kb "$fast_pid" VmRSS)
# Settle the new process (allocator, connection pool, scheduler) before anything is timed.
$L http "$url" "$N_FAST" "$C" get >/dev/null
$L http "$url" "$N_FAST" "$C" post >/dev/null
cpu_before=$(cpu_ticks "$fast_pid")
pair stand-in GET direct "$fake" "$N_FAST" "$C" "$table" get -- http "$url" "$N_FAST" "$C" get
pair stand-in POST direct "$fake" "$N_FAST" "$C" "$table" put -- http "$url" "$N_FAST" "$C" post
cpu_after=$(cpu_ticks "$fast_pid")
# Throughput with 8 workers; the peak RSS includes it.
busy_get=$($L http "$url" "$N_FAST" 8 get)
busy_post=$($L http "$url" "$N_FAST" 8 post)
peak_fast=$(rss_kb "$fast_pid" VmHWM)
# Every request the service answered in this phase: two pairs, each a warm-up plus ROUNDS.
served=$(( 2 * (ROUNDS + 1) * N_FAST ))
ticks=$(getconf CLK_TCK)
kill "$fast_pid"

# 2. moto, the DynamoDB-compatible test server.
scripts/moto-create-table "$table"
start_service "$PETSTORE_TEST_DYNAMODB" "$table"
moto_pid=$pid
sleep 0.5
idle_moto=$(rss_kb "$moto_pid" VmRSS)
seed
pair moto GET direct "$PETSTORE_TEST_DYNAMODB" "$N_MOTO" "$C" "$table" get -- http "$url" "$N_MOTO" "$C" get
pair moto POST direct "$PETSTORE_TEST_DYNAMODB" "$N_MOTO" "$C" "$table" put -- http "$url" "$N_MOTO" "$C" post
peak_moto=$(rss_kb "$moto_pid" VmHWM)
kill "$moto_pid"

# 3. PostgreSQL, a local server (scripts/with-postgres), over a database of its own in which the
# service creates its table at start.
pg=${PETSTORE_TEST_POSTGRES#postgres://}
pg_user=${pg%%:*}; pg_rest=${pg#*:}; pg_password=${pg_rest%@*}; pg_addr=${pg_rest##*@}
pg_host=${pg_addr%:*}; pg_port=${pg_addr##*:}
pg_db="bench_$$"
PGPASSWORD="$pg_password" "$PETSTORE_TEST_POSTGRES_BIN/psql" -q -h "$pg_host" -p "$pg_port" -U "$pg_user" \
  -d postgres -c "CREATE DATABASE $pg_db"
start_service postgres "$pg_db"
pg_pid=$pid
sleep 0.5
idle_pg=$(rss_kb "$pg_pid" VmRSS)
seed
pair postgres GET direct-pg "$PETSTORE_TEST_POSTGRES/$pg_db" "$N_PG" "$C" get -- http "$url" "$N_PG" "$C" get
pair postgres POST direct-pg "$PETSTORE_TEST_POSTGRES/$pg_db" "$N_PG" "$C" put -- http "$url" "$N_PG" "$C" post
peak_pg=$(rss_kb "$pg_pid" VmHWM)

python3 - "$results" <<'PY'
import json, sys
import statistics
runs = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs.setdefault(r["name"], []).append(r)
def median_of(rs):
    out = dict(rs[0])
    for k in ("p50_ms", "p99_ms", "max_ms", "throughput_rps"):
        out[k] = statistics.median(r[k] for r in rs)
    out["rounds"] = len(rs)
    return out
rows = [median_of(rs) for rs in runs.values()]
by = {r["name"]: r for r in rows}
print("| datastore | call | rounds × requests | workers | p50 | p99 | max | throughput |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    store, _, call = r["name"].partition(" ")
    call = call.replace(" via", " via service")
    print("| %s | %s | %d × %d | %d | %.3f ms | %.3f ms | %.3f ms | %.0f/s |" % (
        store, call, r["rounds"], r["requests"], r["concurrency"], r["p50_ms"], r["p99_ms"], r["max_ms"], r["throughput_rps"]))
print()
print("| service's own cost (via service minus direct) | p50 | p99 |")
print("|---|---|---|")
for store in ("stand-in", "moto", "postgres"):
    for call in ("GET", "POST"):
        d, v = by["%s %s direct" % (store, call)], by["%s %s via" % (store, call)]
        print("| %s %s | %+.3f ms | %+.3f ms |" % (store, call, v["p50_ms"] - d["p50_ms"], v["p99_ms"] - d["p99_ms"]))
PY
echo
python3 -c 'import json,sys
for name, j in (("GET", sys.argv[1]), ("POST", sys.argv[2])):
    j = json.loads(j)
    print("Throughput through the service against the stand-in, %d workers, %d requests, %s: %.0f/s (p50 %.3f ms, p99 %.3f ms)." % (j["concurrency"], j["requests"], name, j["throughput_rps"], j["p50_ms"], j["p99_ms"]))' "$busy_get" "$busy_post"
python3 -c 'import sys; t, hz, n = map(int, sys.argv[1:]); print("The service'"'"'s own CPU time (user + system, from /proc) against the stand-in: %.1f µs per request over %d requests." % (t / hz / n * 1e6, n))' "$((cpu_after - cpu_before))" "$ticks" "$served"
mb() { echo "$(($1 / 1024)).$(( ($1 % 1024) * 10 / 1024 )) MB"; }
echo
echo "| service RSS | against the stand-in | against moto | against PostgreSQL |"
echo "|---|---|---|---|"
echo "| idle, after start | $(mb "$idle_fast") | $(mb "$idle_moto") | $(mb "$idle_pg") |"
echo "| peak, under load | $(mb "$peak_fast") | $(mb "$peak_moto") | $(mb "$peak_pg") |"
