# Sourced by bench/links/run.sh and ceilings.sh: makes sure wrk is installed and Penumbra built,
# then `share_link DATA_DIR` registers bench.example in DATA_DIR and prints the code of a new
# WhatsApp share link to https://bench.example/story.
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
npm run -s build
share_link() {
  ./bin/penumbra sites add bench.example --data "$1" >/dev/null
  local code
  code=$(./bin/penumbra links create https://bench.example/story --channel whatsapp --data "$1")
  echo "${code#/s/}"
}
