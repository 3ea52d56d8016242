#!/usr/bin/env bash
# bench/collector: POST /api/event on loopback vs nginx serving a 1x1 gif with its access log on,
# in one run with the same load generator (wrk), then checks that the store holds exactly as many
# events as the collector answered 202. Usage: bash bench/collector/run.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
conns=${2:-50}
command -v wrk >/dev/null && command -v nginx >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
}
npm run -s build
work=$(mktemp -d)
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; [ -n "${pen_pid:-}" ] && kill "$pen_pid" 2>/dev/null || true' EXIT

# nginx: two workers (one per core), empty_gif, combined access log written to disk.
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log $work/access.log combined;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:18081; location = /pixel.gif { empty_gif; } }
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf"
sleep 0.5
echo "== nginx empty_gif (access log on)"
wrk -t2 -c"$conns" -d"${secs}s" http://127.0.0.1:18081/pixel.gif | tee "$work/nginx.txt"

node bench/collector/bare-202.mjs 18082 &
bare_pid=$!
sleep 0.5
echo "== bare node:http 202 (the floor for any Node collector)"
wrk -t2 -c"$conns" -d"${secs}s" -s bench/collector/post-event.lua http://127.0.0.1:18082/api/event | tee "$work/bare.txt"
kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true

./bin/penumbra sites add bench.example --data "$work/data" >/dev/null
PENUMBRA_RATE_LIMIT=0 PENUMBRA_LOG_LEVEL=warn ./bin/penumbra serve --port 18080 --data "$work/data" 2>"$work/penumbra.err" &
pen_pid=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:18080/health >/dev/null && break; sleep 0.2; done
echo "== penumbra POST /api/event (fsync ${PENUMBRA_FSYNC:-always})"
wrk -t2 -c"$conns" -d"${secs}s" -s bench/collector/post-event.lua http://127.0.0.1:18080/api/event | tee "$work/penumbra.txt"
sleep 0.5
accepted_server=$(curl -sf http://127.0.0.1:18080/health | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).ingest.accepted))')
kill -TERM "$pen_pid"; wait "$pen_pid" || true; pen_pid=

stored=$(node --import tsx -e "
  const { openStores } = await import('./src/server/index.ts');
  const { events } = await openStores('$work/data');
  console.log(await events.count());
  await events.close();
")
accepted=$(awk '/^ACCEPTED/ {print $2}' "$work/penumbra.txt")
nginx_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/nginx.txt")
pen_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/penumbra.txt")
bare_rps=$(awk '/^Requests\/sec/ {print $2}' "$work/bare.txt")
echo "== result"
echo "nginx req/s: $nginx_rps"
echo "bare node:http 202 req/s: $bare_rps ($(echo "scale=1; 100 * $bare_rps / $nginx_rps" | bc)% of nginx)"
echo "penumbra req/s: $pen_rps ($(echo "scale=1; 100 * $pen_rps / $nginx_rps" | bc)% of nginx; bar >= 50%)"
# wrk stops on a timer, so requests in flight at the end were accepted by the server but never
# counted by wrk: the exact check is the server's own count of 202s against the store.
echo "202s counted by wrk: $accepted; 202s answered by the server: $accepted_server; events in store: $stored"
[ "$accepted_server" = "$stored" ] && echo "store check: OK (every 202 is in the store, no more)" || { echo "store check: MISMATCH"; exit 1; }
