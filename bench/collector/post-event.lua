-- wrk script: POST one tracker page view per request and count the 202s per thread.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  other = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "text/plain"
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
  wrk.body = '{"n":"pageview","d":"bench.example","u":"https://bench.example/2026/11/29/story?utm_source=whatsapp","r":"","k":"Ab3dE5gH9k"}'
end

function response(status, headers, body)
  if status == 202 then accepted = accepted + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_accepted, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_other = total_other + thread:get("other")
  end
  io.write(string.format("ACCEPTED %d\nOTHER %d\n", total_accepted, total_other))
end
