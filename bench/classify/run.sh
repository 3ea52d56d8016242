#!/usr/bin/env bash
# bench/classify: N mixed hits through `penumbra classify` vs a bare JSON-lines parse+serialise
# of the same file, in one run, alternating, best of R. Usage: bash bench/classify/run.sh [N] [R]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
rounds=${2:-3}
data=.bench-data/hits-$n.jsonl
mkdir -p .bench-data
[ -s "$data" ] || node bench/classify/generate-hits.mjs "$n" "$data"
npm run -s build

measure() { # prints "seconds maxrss_kb"
  /usr/bin/time -f '%e %M' -o .bench-data/time.txt "$@" > /dev/null
  cat .bench-data/time.txt
}
best_bare=999999; best_pen=999999; rss_bare=0; rss_pen=0
for _ in $(seq "$rounds"); do
  read -r t m < <(measure node bench/classify/bare-jsonl.mjs "$data")
  if (( $(echo "$t < $best_bare" | bc) )); then best_bare=$t; rss_bare=$m; fi
  read -r t m < <(measure ./bin/penumbra classify "$data")
  if (( $(echo "$t < $best_pen" | bc) )); then best_pen=$t; rss_pen=$m; fi
done
ratio=$(echo "scale=2; $best_pen / $best_bare" | bc)
printf 'hits: %s (%s MB)\n' "$n" "$(du -m "$data" | cut -f1)"
printf 'bare JSON parse+serialise: %ss, %s hits/s, peak RSS %s MB\n' "$best_bare" "$(echo "$n / $best_bare" | bc)" "$((rss_bare / 1024))"
printf 'penumbra classify:         %ss, %s hits/s, peak RSS %s MB\n' "$best_pen" "$(echo "$n / $best_pen" | bc)" "$((rss_pen / 1024))"
printf 'ratio (penumbra / bare): %s (bar: <= 1.5)\n' "$ratio"
