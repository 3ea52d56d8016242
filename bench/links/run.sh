#!/usr/bin/env bash
# bench/links: GET /s/:code (lookup, classification, fresh token, 302, click recorded after the
# response) vs a bare Fastify route answering the same 302, same wrk load, one run.
# Usage: bash bench/links/run.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
conns=${2:-50}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
npm run -s build
work=$(mktemp -d)
trap '[ -n "${bare_pid:-}" ] && kill "$bare_pid" 2>/dev/null; [ -n "${pen_pid:-}" ] && kill "$pen_pid" 2>/dev/null; true' EXIT

./bin/penumbra sites add bench.example --data "$work/data" >/dev/null
code=$(./bin/penumbra links create https://bench.example/story --channel whatsapp --data "$work/data")
code=${code#/s/}
PENUMBRA_LOG_LEVEL=warn ./bin/penumbra serve --port 18083 --data "$work/data" 2>"$work/penumbra.err" &
pen_pid=$!
location=$(for _ in $(seq 50); do curl -s -o /dev/null -w '%{redirect_url}' -A 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36' "http://127.0.0.1:18083/s/$code" && break; sleep 0.2; done)
echo "a person is sent to: $location"

node bench/links/bare-302.mjs 18084 "${location%%#*}" &
bare_pid=$!
sleep 0.7
echo "== bare Fastify 302"
wrk -t2 -c"$conns" -d"${secs}s" -s bench/links/person.lua "http://127.0.0.1:18084/s/$code" | tee "$work/bare.txt"
kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true; bare_pid=

echo "== penumbra /s/$code"
wrk -t2 -c"$conns" -d"${secs}s" -s bench/links/person.lua "http://127.0.0.1:18083/s/$code" | tee "$work/penumbra.txt"
sleep 0.5
clicks=$(curl -sf http://127.0.0.1:18083/health | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).ingest.clicks))')
kill -TERM "$pen_pid"; wait "$pen_pid" || true; pen_pid=

bare_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/bare.txt")
pen_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/penumbra.txt")
echo "== result"
echo "bare Fastify 302 req/s: $bare_rps"
echo "penumbra /s/:code req/s: $pen_rps ($(echo "scale=1; 100 * $pen_rps / $bare_rps" | bc)% of bare; bar >= 70%)"
echo "302s counted by wrk: $(awk '/^REDIRECTS/ {print $2}' "$work/penumbra.txt"); clicks recorded by the server: $clicks"
