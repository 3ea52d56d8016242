#!/usr/bin/env bash
# bench/links, the post-idle slowdown (issue 5, docs/serve.md): starts one server, then R times
# waits IDLE seconds with no traffic and runs 6 s of the same wrk load as run.sh, printing the main
# thread's CPU per request (/proc) and, with perf, the share of its samples spent in V8's
# Runtime_DefineKeyedOwnPropertyInLiteral (the slow path a memory-reducer GC during the idle gap
# leaves behind). Compare IDLE=0 with IDLE=12, and NODE_FLAGS=--no-memory-reducer with none.
# Usage: IDLE=12 NODE_FLAGS=... bash bench/links/after-idle.sh [bare|penumbra] [ROUNDS=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
kind=${1:-bare}
rounds=${2:-2}
idle=${IDLE:-12}
source bench/links/setup.sh
work=$(mktemp -d)
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait; rm -rf "$work"' EXIT

# Both run under plain `node` so that only NODE_FLAGS differs (bin/penumbra's shebang is bypassed).
if [ "$kind" = bare ]; then
  url=http://127.0.0.1:18098/s/bench01
  node --perf-basic-prof ${NODE_FLAGS:-} bench/links/bare-302.mjs 18098 https://bench.example/story &
else
  code=$(share_link "$work/data")
  url=http://127.0.0.1:18098/s/$code
  PENUMBRA_LOG_LEVEL=warn node --perf-basic-prof ${NODE_FLAGS:-} ./bin/penumbra serve --port 18098 \
    --data "$work/data" 2>/dev/null &
fi
pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "$url" && break; sleep 0.2; done

cpu() { awk '{print $14 + $15}' "/proc/$pid/task/$pid/stat"; }
for round in $(seq "$rounds"); do
  sleep "$idle"
  profiled=
  if command -v perf >/dev/null; then
    (sleep 2; perf record -q -F 499 -g -t "$pid" -o "$work/perf.data" -- sleep 3 2>/dev/null) &
    profiled=$!
  fi
  before=$(cpu)
  wrk -t2 -c50 -d6s -s bench/links/person.lua "$url" >"$work/wrk.txt"
  after=$(cpu)
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  share="n/a (no perf)"
  if [ -n "$profiled" ]; then
    wait "$profiled"
    share=$(perf script -i "$work/perf.data" 2>/dev/null | awk 'BEGIN {RS = ""} {n++}
      /Runtime_DefineKeyedOwnPropertyInLiteral/ {k++} END {printf "%.1f%%", n ? 100 * k / n : 0}')
  fi
  echo "$kind, ${idle} s idle, flags '${NODE_FLAGS:-}', round $round:" \
    "main thread $(((after - before) * 10000000 / requests)) ns/request," \
    "samples in the slow literal path $share"
done
# --perf-basic-prof leaves a symbol map and V8 logs behind.
rm -f "/tmp/perf-$pid.map" isolate-0x*-"$pid"-v8.log
