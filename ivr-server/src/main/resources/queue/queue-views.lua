-- Reads and settings of one queue group, beside distributor.lua (same keys, same calling convention):
-- peek (what a wait estimate needs), stats (the stats endpoint and gauges), configure (queue settings
-- written at start-up). Nothing here makes a routing decision.

local P = KEYS[1]
local cmd = ARGV[1]
local now = tonumber(ARGV[2])

local function k(...)
  return P .. ':' .. table.concat({ ... }, ':')
end

local function num(v, default)
  if v == false or v == nil or v == '' then return default end
  return tonumber(v)
end

local function done(extra)
  local out = extra or {}
  out.offers = {}
  return cjson.encode(out)
end

local function position(callId, q)
  local rank = redis.call('ZRANK', k('wait', q), callId)
  if rank then return rank + 1 end
  return 0
end

local commands = {}

-- ARGV: callId. Everything an estimate of the wait needs, in one round trip.
commands.peek = function()
  local callId = ARGV[4]
  local c = redis.call('HMGET', k('call', callId), 'state', 'queue', 'arrival')
  if not c[1] then return done({ state = 'unknown' }) end
  local q = c[2]
  return done({ state = c[1], queue = q, position = position(callId, q), waited = now - num(c[3], now),
                staffed = redis.call('SCARD', k('staffed', q)), ready = redis.call('ZCARD', k('ready', q)),
                recent = redis.call('LRANGE', k('aht', q), 0, -1) })
end

-- ARGV: deadAfterMs offerGraceMs callbackGraceMs, then per queue: id strategy ringMs wrapMs slMs
commands.configure = function()
  redis.call('HSET', k('conf'), 'deadAfter', ARGV[4], 'offerGrace', ARGV[5], 'callbackGrace', ARGV[6])
  local i = 7
  while ARGV[i] do
    redis.call('HSET', k('qconf', ARGV[i]), 'strategy', ARGV[i + 1], 'ring', ARGV[i + 2], 'wrap', ARGV[i + 3],
      'sl', ARGV[i + 4])
    i = i + 5
  end
  return done()
end

-- ARGV: queue ids. Counters and current figures for the stats endpoint and gauges.
commands.stats = function()
  local queues = {}
  for i = 4, #ARGV do
    local q = ARGV[i]
    local oldest = redis.call('ZRANGE', k('arr', q), 0, 0, 'WITHSCORES')
    queues[#queues + 1] = { id = q, waiting = redis.call('ZCARD', k('wait', q)),
      ready = redis.call('ZCARD', k('ready', q)), staffed = redis.call('SCARD', k('staffed', q)),
      longestWait = oldest[2] and (now - tonumber(oldest[2])) or 0,
      counters = redis.call('HGETALL', k('stats', q)), recent = redis.call('LRANGE', k('aht', q), 0, -1) }
  end
  local seats = {}
  for _, seat in ipairs(redis.call('SMEMBERS', k('seats'))) do
    local s = redis.call('HMGET', k('seat', seat), 'state', 'since', 'reason', 'calls', 'call', 'queue')
    seats[#seats + 1] = { id = seat, state = s[1], since = num(s[2], now), reason = s[3] or '',
      calls = num(s[4], 0), call = s[5] or '', queue = s[6] or '' }
  end
  return done({ queues = queues, seats = seats })
end

local command = commands[cmd]
if not command then return cjson.encode({ error = 'unknown command ' .. tostring(cmd) }) end
return command()
