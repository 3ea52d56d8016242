#!/usr/bin/env bash
# bench/links: GET /s/:code (lookup, classification, fresh token, 302, click recorded after the
# response) vs a bare Fastify route answering the same 302, same wrk load, alternating for R
# rounds in one run; each round's ratio and the median are printed (one sample of each swung by
# ±8 points on this shared 2-core machine). Both run on Node without V8's memory reducer
# (bin/penumbra's shebang sets it; the bare app gets it here): with it, whichever server crossed
# V8's idle threshold while the other was measured ran 20-40% slower (docs/serve.md).
# Usage: bash bench/links/run.sh [SECONDS] [CONNECTIONS] [ROUNDS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
conns=${2:-50}
rounds=${3:-5}
source bench/links/setup.sh
work=$(mktemp -d)
trap '[ -n "${bare_pid:-}" ] && kill "$bare_pid" 2>/dev/null; [ -n "${pen_pid:-}" ] && kill "$pen_pid" 2>/dev/null; wait; rm -rf "$work"' EXIT

code=$(share_link "$work/data")
PENUMBRA_LOG_LEVEL=warn ./bin/penumbra serve --port 18083 --data "$work/data" 2>"$work/penumbra.err" &
pen_pid=$!
location=$(for _ in $(seq 50); do curl -s -o /dev/null -w '%{redirect_url}' -A 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36' "http://127.0.0.1:18083/s/$code" && break; sleep 0.2; done)
echo "a person is sent to: $location"
node --no-memory-reducer bench/links/bare-302.mjs 18084 "${location%%#*}" &
bare_pid=$!
sleep 0.7

rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
for round in $(seq "$rounds"); do
  wrk -t2 -c"$conns" -d"${secs}s" -s bench/links/person.lua "http://127.0.0.1:18084/s/$code" >"$work/bare-$round.txt"
  wrk -t2 -c"$conns" -d"${secs}s" -s bench/links/person.lua "http://127.0.0.1:18083/s/$code" >"$work/penumbra-$round.txt"
  bare=$(rps "$work/bare-$round.txt")
  pen=$(rps "$work/penumbra-$round.txt")
  ratio=$(echo "scale=1; 100 * $pen / $bare" | bc)
  echo "$ratio" >>"$work/ratios"
  echo "round $round: bare Fastify 302 $bare req/s, penumbra /s/:code $pen req/s ($ratio%)"
done
redirects=0
for round in $(seq "$rounds"); do
  redirects=$((redirects + $(awk '/^REDIRECTS/ {print $2}' "$work/penumbra-$round.txt")))
done
sleep 1.5
clicks=$(curl -sf http://127.0.0.1:18083/health | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).ingest.clicks))')
kill -TERM "$pen_pid"; wait "$pen_pid" || true; pen_pid=
kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true; bare_pid=

echo "== result"
echo "penumbra /s/:code, median of $rounds rounds: $(sort -n "$work/ratios" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')% of bare Fastify (bar >= 70%)"
echo "302s counted by wrk: $redirects; clicks recorded by the server: $clicks (the server also counts the warm-up and the responses in flight when each wrk run stopped)"
