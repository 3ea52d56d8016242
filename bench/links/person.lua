-- wrk script: a person's browser following a share link (counts the 302s).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  redirects = 0
  wrk.headers["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
end
function response(status, headers, body)
  if status == 302 then redirects = redirects + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("redirects") end
  io.write(string.format("REDIRECTS %d\n", total))
end
