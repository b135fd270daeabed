-- wrk script of `make load` (scripts/load.sh): the realistic mix of a working day through nginx.
-- Logged in once by load.sh (session cookie + CSRF token in the environment). Each request carries
-- X-Load-Route naming its class; nginx logs it with its time, and load.sh computes p50/p99 per class.
--   cockpit 25 %, table 20 %, series 15 %, rankings 15 %, enterprise lists 14 %, the warnings page 7 %,
--   its badge 3 %, imports 1 % (less imports when LOAD_IMPORT_PERCENT says so; the remainder goes
--   to the badge)
local cookie = os.getenv("LOAD_COOKIE") or ""
local csrf = os.getenv("LOAD_CSRF") or ""
local period = os.getenv("LOAD_PERIOD") or "2025-12"
local from = os.getenv("LOAD_FROM") or "2025-01"
local import_percent = tonumber(os.getenv("LOAD_IMPORT_PERCENT") or "1")
local uscc_file = os.getenv("LOAD_USCC_FILE") or ""

local regions = {"100000", "110000", "310000", "320000", "330000", "370000", "410000", "420000", "440000", "510000"}
-- Enterprise lists are drilled down to, never the country's: a city and an industry division.
local cities = {"410100", "410300", "320500", "330100", "440300", "440100", "370200", "510100", "420100", "130100"}
local divisions = {"13", "26", "30", "33", "34", "36", "38", "39"}
local indicators = {"output_value", "sales_value", "revenue", "export_value"}
local measures = {"value", "yoy", "ytd_yoy", "contrib_pp", "share"}
local usccs = {}

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
  if uscc_file ~= "" then
    for line in io.lines(uscc_file) do usccs[#usccs + 1] = line end
  end
end

local function pick(t) return t[math.random(#t)] end

local function get(class, path)
  return wrk.format("GET", path, {["Cookie"] = cookie, ["X-Load-Route"] = class})
end

-- A revision of one enterprise's figure in the newest month: a new batch each time.
local function import()
  local boundary = "ballastload" .. math.random(1000000000)
  local csv = "uscc,period,indicator,value,ytd,prior,prior_ytd\n" ..
              pick(usccs) .. "," .. period .. ",output_value," .. math.random(100, 99999) .. ",,,\n"
  local body = "--" .. boundary .. "\r\n" ..
               "Content-Disposition: form-data; name=\"file\"; filename=\"revision.csv\"\r\n" ..
               "Content-Type: text/csv\r\n\r\n" .. csv .. "\r\n--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/api/v1/imports", {
    ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf, ["X-Load-Route"] = "import",
    ["Content-Type"] = "multipart/form-data; boundary=" .. boundary}, body)
end

function request()
  local r = math.random() * 100
  local ind, reg = pick(indicators), pick(regions)
  local cell = "indicator=" .. ind .. "&period=" .. period .. "&region=" .. reg
  if r < import_percent and #usccs > 0 then return import() end
  r = r - import_percent
  if r < 25 then
    return get("cockpit", "/api/v1/series?indicator=" .. ind .. "&measures=value,ytd,yoy,ytd_yoy&from=" .. period ..
               "&to=" .. period .. "&region=" .. reg)
  elseif r < 45 then
    local dim = math.random() < 0.5 and "region" or "industry"
    return get("table", "/api/v1/table?" .. cell .. "&measures=value,yoy,contrib_pp&dim=" .. dim .. "&sort=yoy")
  elseif r < 60 then
    return get("series", "/api/v1/series?indicator=" .. ind .. "&measures=value,yoy,ytd_yoy&from=" .. from ..
               "&to=" .. period .. "&region=" .. reg)
  elseif r < 75 then
    return get("rankings", "/api/v1/rankings?" .. cell .. "&measure=" .. pick(measures))
  elseif r < 89 then
    return get("enterprises", "/api/v1/table?indicator=" .. ind .. "&period=" .. period .. "&region=" .. pick(cities) ..
               "&industry=" .. pick(divisions) .. "&measures=value,yoy&dim=enterprise&sort=value")
  elseif r < 96 then
    -- as the warnings page asks (WarningsView.vue): a region's firing episodes worth reading,
    -- ranked by score, the first page of 50
    return get("warnings", "/api/v1/episodes?state=firing&min_score=20&offset=0&limit=50&region=" .. reg)
  else
    -- the red badge of every page (features/warnings/warnings.ts): counts only
    return get("badge", "/api/v1/episodes/count?min_score=20")
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
      "wrk: %d requests in %.1f s = %.0f req/s; all routes p50 %.1f ms, p99 %.1f ms; " ..
      "errors: connect %d, read %d, write %d, timeout %d, HTTP status >= 400: %d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      e.connect, e.read, e.write, e.timeout, e.status))
end
