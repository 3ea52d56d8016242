#!/usr/bin/env bash
# bench/links ceilings (issue 5): the same wrk load on four servers, alternating, R rounds, median
# of each, all as a share of the bare Fastify 302 (the bar's baseline):
#   fastify   bare Fastify route answering the 302 (bench/links/bare-302.mjs)
#   http      node:http answering Penumbra's exact 302, fresh token, nothing recorded
#   http+log  the same, plus each click written and fdatasync'd like Penumbra's durable log
#   penumbra  GET /s/:code: lookup, classification, visitor hash, click logged and loaded into DuckDB
# Usage: bash bench/links/ceilings.sh [SECONDS] [CONNECTIONS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-8}
conns=${2:-50}
rounds=${3:-3}
source bench/links/setup.sh
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait; rm -rf "$work"' EXIT

code=$(share_link "$work/data")
PENUMBRA_LOG_LEVEL=warn ./bin/penumbra serve --port 18083 --data "$work/data" 2>"$work/penumbra.err" &
pids+=($!)
node --no-memory-reducer bench/links/bare-302.mjs 18084 https://bench.example/story &
pids+=($!)
node --no-memory-reducer bench/links/ceiling-302.mjs 18085 https://bench.example/story &
pids+=($!)
mkdir -p "$work/log"
node --no-memory-reducer bench/links/ceiling-302.mjs 18086 https://bench.example/story --log "$work/log" &
pids+=($!)
for _ in $(seq 50); do curl -sf -o /dev/null -A 'Mozilla/5.0 Chrome/126.0' "http://127.0.0.1:18083/s/$code" && break; sleep 0.2; done

declare -A ports=([fastify]=18084 [http]=18085 [http+log]=18086 [penumbra]=18083)
names=(fastify http http+log penumbra)
for round in $(seq "$rounds"); do
  for name in "${names[@]}"; do
    rps=$(wrk -t2 -c"$conns" -d"${secs}s" -s bench/links/person.lua "http://127.0.0.1:${ports[$name]}/s/$code" | awk '/^Requests\/sec/ {print $2}')
    echo "$name $rps" >>"$work/results"
    echo "round $round: $name $rps req/s"
  done
done

median() { grep "^$1 " "$work/results" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base=$(median fastify)
echo "== medians of $rounds rounds (share of bare Fastify)"
for name in "${names[@]}"; do
  m=$(median "$name")
  echo "$name: $m req/s ($(echo "scale=1; 100 * $m / $base" | bc)%)"
done
