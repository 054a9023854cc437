-- The call distributor: every routing decision of one queue group, atomically, in one round trip.
--
-- KEYS[1] is the group's hash tag, e.g. "{q:main}". Every key the script touches starts with it, so on
-- Redis Cluster all of them live in one slot (the node that KEYS[1] routes to).
-- ARGV[1] command, ARGV[2] now (epoch ms from the calling node), ARGV[3] calling node id, then the
-- command's own arguments. Every command returns a JSON object: {error=...} or {offers=[...], ...}.
--
-- Reading (peek, stats) and settings (configure) live in queue-views.lua.
--
-- Keys (P = KEYS[1]):
--   P:seat:<id>      hash  state since reason call queue calls idle queues answeredAt lastCall (the call wrapped up)
--                          leaving (1: its operator logged out during the call; it goes out when the call ends)
--                          pauseAfter (the reason of a pause asked for during the call: it pauses when the call ends)
--   P:seats          set   seats that ever logged in
--   P:ready:<q>      zset  ready seats of queue q, scored by the queue's strategy (lowest wins)
--   P:staffed:<q>    set   seats of q that are logged in and not paused
--   P:wait:<q>       zset  waiting calls, score = arrival - head start (lowest is served first)
--   P:arr:<q>        zset  waiting calls by arrival (longest wait)
--   P:call:<id>      hash  queue node kind lang number arrival class state seat answeredAt orphan (ms, see orphans)
--                          dialer (a callback offered to a seat: the node dialing it) channel (the seat's channel of a
--                          callback connected: Asterisk's unique id, what tells whether the conversation goes on)
--   P:nodecalls:<n>  set   live calls owned by node n (to clean up when n dies)
--   P:dialing:<n>    set   callbacks node n is dialing or connected (offered, on call), to settle when n dies
--   P:nodes          zset  node -> last heartbeat
--   P:orphans        zset  calls on a seat (offered or on call) whose node died -> when it was found dead; each is
--                          settled (settle) once Asterisk says its channel is gone, or no one can tell for a while
--   P:inbox:<n>      list  offers for node n's calls decided on another node
--   P:timers         zset  "w:<seat>" wrap-up end, "o:<seat>" offer expiry
--   P:qconf:<q>      hash  strategy ring wrap sl
--   P:conf           hash  deadAfter offerGrace callbackGrace
--   P:stats:<q>      hash  entered answered answeredInSl abandoned handled handleMs lost callbacks overflowed
--   P:aht:<q>        list  recent handling times (ms), newest first

local P = KEYS[1]
local cmd = ARGV[1]
local now = tonumber(ARGV[2])
local node = ARGV[3]
local offers = {}

local function k(...)
  return P .. ':' .. table.concat({ ... }, ':')
end

local function num(v, default)
  if v == false or v == nil or v == '' then return default end
  return tonumber(v)
end

local function fail(message)
  return cjson.encode({ error = message })
end

local function done(extra)
  local out = extra or {}
  out.offers = offers
  return cjson.encode(out)
end

-- "zh-general=8,enterprise=3" -> { {"zh-general", 8}, {"enterprise", 3} }
local function seatQueues(seat)
  local spec = redis.call('HGET', k('seat', seat), 'queues') or ''
  local out = {}
  for q, level in string.gmatch(spec, '([^,=]+)=(%d+)') do
    out[#out + 1] = { q, tonumber(level) }
  end
  return out
end

local function readyScore(q, level, calls)
  local strategy = redis.call('HGET', k('qconf', q), 'strategy')
  -- the fraction keeps longest-idle as tie-break: epoch ms / 1e13 < 1, 18 ms resolution left
  local idleFraction = now / 1e13
  if strategy == 'fewest-calls' then
    return calls + idleFraction
  elseif strategy == 'highest-skill' then
    return (100 - level) + idleFraction
  end
  return now
end

local function setStaffed(seat, qs, on)
  for _, e in ipairs(qs) do
    if on then redis.call('SADD', k('staffed', e[1]), seat) else redis.call('SREM', k('staffed', e[1]), seat) end
  end
end

local function leaveReady(seat, qs)
  for _, e in ipairs(qs) do
    redis.call('ZREM', k('ready', e[1]), seat)
  end
end

local function enterReady(seat)
  local qs = seatQueues(seat)
  local calls = num(redis.call('HGET', k('seat', seat), 'calls'), 0)
  redis.call('HSET', k('seat', seat), 'state', 'ready', 'since', now, 'reason', '', 'idle', now, 'call', '', 'queue', '')
  for _, e in ipairs(qs) do
    redis.call('ZADD', k('ready', e[1]), readyScore(e[1], e[2], calls), seat)
  end
  setStaffed(seat, qs, true)
end

local function nodeAlive(n)
  local beat = redis.call('ZSCORE', k('nodes'), n)
  local deadAfter = num(redis.call('HGET', k('conf'), 'deadAfter'), 15000)
  return beat and tonumber(beat) >= now - deadAfter
end

local function offer(seat, callId)
  local c = redis.call('HMGET', k('call', callId), 'queue', 'node', 'kind', 'number', 'arrival')
  local q = c[1]
  leaveReady(seat, seatQueues(seat))
  redis.call('HSET', k('seat', seat), 'state', 'offered', 'since', now, 'reason', '', 'call', callId, 'queue', q)
  redis.call('HSET', k('call', callId), 'state', 'offered', 'seat', seat)
  if c[3] == 'callback' then
    -- the node running this script hands the offer to its dialer: the callback is that node's until it ends
    redis.call('HSET', k('call', callId), 'dialer', node)
    redis.call('SADD', k('dialing', node), callId)
  end
  local ring = num(redis.call('HGET', k('qconf', q), 'ring'), 20000)
  -- a callback's seat is on the line while the citizen is dialed (and redialed): it gets longer
  local grace = num(redis.call('HGET', k('conf'), c[3] == 'callback' and 'callbackGrace' or 'offerGrace'), 10000)
  redis.call('ZADD', k('timers'), now + ring + grace, 'o:' .. seat)
  local o = { call = callId, seat = seat, queue = q, kind = c[3], node = c[2], number = c[4] or '',
              waited = now - num(c[5], now) }
  if c[3] == 'live' and c[2] ~= node then
    redis.call('RPUSH', k('inbox', c[2]), cjson.encode(o))
  end
  offers[#offers + 1] = o
end

local function unqueue(callId, q)
  redis.call('ZREM', k('wait', q), callId)
  redis.call('ZREM', k('arr', q), callId)
end

-- a call waiting in q takes the best ready seat of q, if any
local function assignCall(callId, q)
  local head = redis.call('ZRANGE', k('ready', q), 0, 0)
  if head[1] then
    unqueue(callId, q)
    offer(head[1], callId)
  end
end

-- a seat that just became ready takes the best waiting call of all its queues, if any
local function assignSeat(seat)
  local best, bestScore, bestQueue
  for _, e in ipairs(seatQueues(seat)) do
    local head = redis.call('ZRANGE', k('wait', e[1]), 0, 0, 'WITHSCORES')
    if head[1] and (not best or tonumber(head[2]) < bestScore) then
      best, bestScore, bestQueue = head[1], tonumber(head[2]), e[1]
    end
  end
  if best then
    unqueue(best, bestQueue)
    offer(seat, best)
  end
end

local function readyAndAssign(seat)
  enterReady(seat)
  assignSeat(seat)
end

-- A callback no node dials any more (back in its queue, or gone).
local function undial(callId)
  local d = redis.call('HGET', k('call', callId), 'dialer')
  if d then
    redis.call('SREM', k('dialing', d), callId)
    redis.call('HDEL', k('call', callId), 'dialer', 'channel')
  end
end

local function dropCall(callId)
  local n = redis.call('HGET', k('call', callId), 'node')
  if n then redis.call('SREM', k('nodecalls', n), callId) end
  undial(callId)
  redis.call('ZREM', k('orphans'), callId)
  redis.call('DEL', k('call', callId))
end

-- Out of rotation: the seat's operator logged out (at once, or when the call they were on ended).
local function goOut(seat)
  local qs = seatQueues(seat)
  leaveReady(seat, qs)
  setStaffed(seat, qs, false)
  redis.call('ZREM', k('timers'), 'w:' .. seat)
  redis.call('ZREM', k('timers'), 'o:' .. seat)
  redis.call('HSET', k('seat', seat), 'state', 'out', 'since', now, 'reason', '', 'call', '', 'queue', '')
  redis.call('HDEL', k('seat', seat), 'leaving', 'pauseAfter')
end

-- Paused with reason: takes no call until it goes ready.
local function pauseNow(seat, reason)
  local qs = seatQueues(seat)
  leaveReady(seat, qs)
  setStaffed(seat, qs, false)
  redis.call('ZREM', k('timers'), 'w:' .. seat)
  redis.call('HSET', k('seat', seat), 'state', 'paused', 'since', now, 'reason', reason, 'call', '')
  redis.call('HDEL', k('seat', seat), 'pauseAfter')
end

-- Ready again after a call: paused instead if its operator asked for a pause during the call.
local function readyOrPausedAfterCall(seat)
  local reason = redis.call('HGET', k('seat', seat), 'pauseAfter')
  if reason then
    pauseNow(seat, reason)
  else
    readyAndAssign(seat)
  end
end

local function leaving(seat)
  return redis.call('HGET', k('seat', seat), 'leaving') == '1'
end

-- A conversation of seat in q ended: its handling time counts towards the queue's average.
local function countHandled(q, seat, answeredAt)
  local handled = now - num(answeredAt, now)
  redis.call('HINCRBY', k('stats', q), 'handled', 1)
  redis.call('HINCRBY', k('stats', q), 'handleMs', handled)
  redis.call('LPUSH', k('aht', q), handled)
  redis.call('LTRIM', k('aht', q), 0, 49)
  redis.call('HINCRBY', k('seat', seat), 'calls', 1)
end

-- The seat's call is over: wrap-up for the queue's wrap-up time (then ready), ready at once without one, or out
-- when its operator logged out meanwhile (paused instead of ready when they asked for a pause meanwhile).
local function callOver(seat, q, callId)
  if leaving(seat) then
    goOut(seat)
    return
  end
  local wrap = num(redis.call('HGET', k('qconf', q), 'wrap'), 0)
  if wrap > 0 then
    redis.call('HSET', k('seat', seat), 'state', 'wrapup', 'since', now, 'call', '', 'queue', q, 'lastCall', callId)
    redis.call('ZADD', k('timers'), now + wrap, 'w:' .. seat)
  else
    readyOrPausedAfterCall(seat)
  end
end

-- back to the head of its queue: ahead of everyone now waiting there
local function requeueAtHead(callId, q)
  local head = redis.call('ZRANGE', k('wait', q), 0, 0, 'WITHSCORES')
  local arrival = num(redis.call('HGET', k('call', callId), 'arrival'), now)
  local score = arrival
  if head[1] and tonumber(head[2]) <= score then score = tonumber(head[2]) - 1 end
  redis.call('ZADD', k('wait', q), score, callId)
  redis.call('ZADD', k('arr', q), arrival, callId)
  redis.call('HSET', k('call', callId), 'state', 'waiting', 'seat', '')
  undial(callId)
end

local function seatState(seat)
  return redis.call('HGET', k('seat', seat), 'state') or 'out'
end

local function position(callId, q)
  local rank = redis.call('ZRANK', k('wait', q), callId)
  if rank then return rank + 1 end
  return 0
end

-- The seat of an offer the call's node gave up on (or never reported): the call is gone or requeued.
local function releaseOffer(seat, callId, pauseReason)
  redis.call('ZREM', k('timers'), 'o:' .. seat)
  if leaving(seat) then
    goOut(seat)
  elseif pauseReason then
    redis.call('HSET', k('seat', seat), 'state', 'paused', 'since', now, 'reason', pauseReason, 'call', '', 'queue', '')
    redis.call('HDEL', k('seat', seat), 'pauseAfter')
    setStaffed(seat, seatQueues(seat), false)
  else
    readyOrPausedAfterCall(seat)
  end
end

-- Everything a dead node owned: waiting calls leave (lost). Calls on a seat, ringing or answered, become orphans:
-- Asterisk may still ring the seat or bridge the conversation without the node, so their seats stay as they are
-- until a live node settles them (settle: the channel is gone, or nobody knows it for a while).
local function reapNode(n)
  local lost, orphaned = 0, 0
  for _, callId in ipairs(redis.call('SMEMBERS', k('nodecalls', n))) do
    local c = redis.call('HMGET', k('call', callId), 'state', 'queue', 'seat')
    if c[1] == 'waiting' then
      unqueue(callId, c[2])
      redis.call('DEL', k('call', callId))
      redis.call('HINCRBY', k('stats', c[2]), 'lost', 1)
      lost = lost + 1
    elseif c[1] == 'offered' or c[1] == 'oncall' then
      redis.call('HSET', k('call', callId), 'orphan', now)
      redis.call('ZADD', k('orphans'), now, callId)
      orphaned = orphaned + 1
    end
  end
  redis.call('DEL', k('nodecalls', n))
  -- Callbacks it was dialing or had connected: the seat may be ringing or talking to the citizen without it.
  for _, callId in ipairs(redis.call('SMEMBERS', k('dialing', n))) do
    local c = redis.call('HMGET', k('call', callId), 'state', 'dialer')
    if (c[1] == 'offered' or c[1] == 'oncall') and c[2] == n then
      redis.call('HSET', k('call', callId), 'orphan', now)
      redis.call('ZADD', k('orphans'), now, callId)
      orphaned = orphaned + 1
    end
  end
  redis.call('DEL', k('dialing', n))
  return lost, orphaned
end

-- Orphans, oldest first, for the live nodes to check against Asterisk's channels.
local function orphanList()
  local out = {}
  local list = redis.call('ZRANGE', k('orphans'), 0, 199, 'WITHSCORES')
  for i = 1, #list, 2 do
    local c = redis.call('HMGET', k('call', list[i]), 'kind', 'channel')
    out[#out + 1] = { call = list[i], since = tonumber(list[i + 1]), kind = c[1] or '', channel = c[2] or '' }
  end
  return out
end

local commands = {}

-- ARGV: callId queue headStartMs kind lang number class
commands.enqueue = function()
  local callId, q, headStart, kind = ARGV[4], ARGV[5], tonumber(ARGV[6]), ARGV[7]
  if redis.call('EXISTS', k('qconf', q)) == 0 then return fail('unknown queue ' .. q) end
  if redis.call('EXISTS', k('call', callId)) == 1 then return fail('call ' .. callId .. ' is already queued') end
  local owner = node
  if kind == 'callback' then owner = '' end
  redis.call('HSET', k('call', callId), 'queue', q, 'node', owner, 'kind', kind, 'lang', ARGV[8],
    'number', ARGV[9], 'arrival', now, 'class', ARGV[10], 'state', 'waiting', 'seat', '')
  redis.call('ZADD', k('wait', q), now - headStart, callId)
  redis.call('ZADD', k('arr', q), now, callId)
  if kind == 'live' then redis.call('SADD', k('nodecalls', node), callId) end
  redis.call('HINCRBY', k('stats', q), 'entered', 1)
  assignCall(callId, q)
  return done({ position = position(callId, q) })
end

-- ARGV: seat queuesSpec [pauseReason]: with a reason the seat logs in paused, else ready
commands.login = function()
  local seat, spec, pauseReason = ARGV[4], ARGV[5], ARGV[6]
  local state = seatState(seat)
  if (state == 'offered' or state == 'oncall') and leaving(seat) then
    -- logged out during the call, back before it ended: it stays in rotation after all
    redis.call('HDEL', k('seat', seat), 'leaving')
    return done({ result = 'staying' })
  end
  if state == 'offered' or state == 'oncall' then return fail('seat ' .. seat .. ' is busy (' .. state .. ')') end
  leaveReady(seat, seatQueues(seat))
  setStaffed(seat, seatQueues(seat), false)
  redis.call('HDEL', k('seat', seat), 'pauseAfter')
  redis.call('HSET', k('seat', seat), 'queues', spec)
  redis.call('SADD', k('seats'), seat)
  if pauseReason and pauseReason ~= '' then
    redis.call('ZREM', k('timers'), 'w:' .. seat)
    redis.call('HSET', k('seat', seat), 'state', 'paused', 'since', now, 'reason', pauseReason)
  else
    readyAndAssign(seat)
  end
  return done()
end

-- ARGV: seat. During a call it only withdraws a pause asked for meanwhile.
commands.ready = function()
  local seat = ARGV[4]
  local state = seatState(seat)
  if state == 'ready' then return done() end
  if (state == 'offered' or state == 'oncall') and redis.call('HDEL', k('seat', seat), 'pauseAfter') == 1 then
    return done({ result = 'staying' })
  end
  if state ~= 'paused' and state ~= 'wrapup' then return fail('seat ' .. seat .. ' cannot become ready from ' .. state) end
  redis.call('HDEL', k('seat', seat), 'pauseAfter')
  redis.call('ZREM', k('timers'), 'w:' .. seat)
  readyAndAssign(seat)
  return done()
end

-- ARGV: seat reason. A seat ringing or on a call pauses when that call ends (after its wrap-up): an operator
-- asks for a break during a call, as in any call centre, and is offered nothing after it.
commands.pause = function()
  local seat = ARGV[4]
  local state = seatState(seat)
  if state == 'offered' or state == 'oncall' then
    redis.call('HSET', k('seat', seat), 'pauseAfter', ARGV[5])
    return done({ result = 'after-call' })
  end
  if state ~= 'ready' and state ~= 'paused' and state ~= 'wrapup' then
    return fail('seat ' .. seat .. ' cannot pause while ' .. state)
  end
  pauseNow(seat, ARGV[5])
  return done()
end

-- ARGV: seat. A seat ringing or on a call is marked leaving: it goes out when that call ends, never offered another.
commands.logout = function()
  local seat = ARGV[4]
  local state = seatState(seat)
  if state == 'offered' or state == 'oncall' then
    redis.call('HSET', k('seat', seat), 'leaving', '1')
    return done({ result = 'leaving' })
  end
  goOut(seat)
  return done({ result = 'out' })
end

-- ARGV: callId seat [channel: a connected callback's seat channel]
commands.answered = function()
  local callId, seat = ARGV[4], ARGV[5]
  if ARGV[6] and ARGV[6] ~= '' then redis.call('HSET', k('call', callId), 'channel', ARGV[6]) end
  local s = redis.call('HMGET', k('seat', seat), 'state', 'call')
  if s[2] ~= callId then return fail('seat ' .. seat .. ' was not offered call ' .. callId) end
  if s[1] == 'oncall' then return done() end
  if s[1] ~= 'offered' then return fail('seat ' .. seat .. ' is ' .. tostring(s[1])) end
  local c = redis.call('HMGET', k('call', callId), 'queue', 'arrival')
  local q = c[1]
  redis.call('ZREM', k('timers'), 'o:' .. seat)
  redis.call('HSET', k('seat', seat), 'state', 'oncall', 'since', now, 'answeredAt', now)
  redis.call('HSET', k('call', callId), 'state', 'oncall', 'answeredAt', now)
  local waited = now - num(c[2], now)
  redis.call('HINCRBY', k('stats', q), 'answered', 1)
  if waited <= num(redis.call('HGET', k('qconf', q), 'sl'), 20000) then
    redis.call('HINCRBY', k('stats', q), 'answeredInSl', 1)
  end
  return done()
end

-- ARGV: callId seat
commands.ringNoAnswer = function()
  local callId, seat = ARGV[4], ARGV[5]
  local s = redis.call('HMGET', k('seat', seat), 'state', 'call')
  if s[1] ~= 'offered' or s[2] ~= callId then return fail('seat ' .. seat .. ' has no ringing offer of ' .. callId) end
  local q = redis.call('HGET', k('call', callId), 'queue')
  releaseOffer(seat, callId, 'no answer')
  requeueAtHead(callId, q)
  assignCall(callId, q)
  return done({ position = position(callId, q) })
end

-- ARGV: callId
commands.abandon = function()
  local callId = ARGV[4]
  local c = redis.call('HMGET', k('call', callId), 'state', 'queue', 'seat')
  if not c[1] then return done({ result = 'unknown' }) end
  if c[1] == 'oncall' then return done({ result = 'oncall' }) end
  dropCall(callId)
  redis.call('HINCRBY', k('stats', c[2]), 'abandoned', 1)
  if c[1] == 'waiting' then
    unqueue(callId, c[2])
  elseif c[1] == 'offered' then
    releaseOffer(c[3], callId, nil)
  end
  return done({ result = 'abandoned' })
end

-- ARGV: callId. A callback whose citizen was not reached this time: out of the queue, its seat freed, not
-- counted as abandoned (the server queues it again after the retry delay).
-- The reply carries what the call was queued with, so the retry keeps its language and priority class.
commands.release = function()
  local callId = ARGV[4]
  local c = redis.call('HMGET', k('call', callId), 'state', 'queue', 'seat', 'lang', 'number', 'class')
  if not c[1] then return done({ result = 'unknown' }) end
  if c[1] == 'oncall' then return done({ result = 'oncall' }) end
  dropCall(callId)
  if c[1] == 'waiting' then
    unqueue(callId, c[2])
  elseif c[1] == 'offered' then
    releaseOffer(c[3], callId, nil)
  end
  return done({ result = 'released', queue = c[2], lang = c[4] or '', number = c[5] or '', class = c[6] or '' })
end

-- ARGV: callId
commands.hangup = function()
  local callId = ARGV[4]
  local c = redis.call('HMGET', k('call', callId), 'state', 'queue', 'seat', 'answeredAt')
  if c[1] ~= 'oncall' then return fail('call ' .. callId .. ' is not on call (' .. tostring(c[1]) .. ')') end
  local q, seat = c[2], c[3]
  countHandled(q, seat, c[4])
  dropCall(callId)
  callOver(seat, q, callId)
  return done()
end

-- ARGV: callId. An orphan (a dead node's call on a seat) whose channel Asterisk no longer has, or that nobody has
-- known for a while: its seat goes to wrap-up as after any call (out if its operator logged out meanwhile). A
-- callback that was still being dialed goes back to the head of its queue instead of being lost.
commands.settle = function()
  local callId = ARGV[4]
  if not redis.call('ZSCORE', k('orphans'), callId) then return done({ result = 'unknown' }) end
  local c = redis.call('HMGET', k('call', callId), 'state', 'queue', 'seat', 'answeredAt', 'node', 'orphan', 'kind',
    'dialer')
  if not c[1] then
    redis.call('ZREM', k('orphans'), callId)
    return done({ result = 'unknown' })
  end
  local q, seat = c[2], c[3]
  if c[7] == 'callback' then c[5] = c[8] end
  local freed = redis.call('HGET', k('seat', seat), 'call') == callId
  if c[1] ~= 'oncall' and c[7] == 'callback' then
    -- a callback whose dialing died with its node: the citizen is still owed it, at the head of its queue
    redis.call('ZREM', k('orphans'), callId)
    redis.call('HDEL', k('call', callId), 'orphan')
    requeueAtHead(callId, q)
    if freed then releaseOffer(seat, callId, nil) else assignCall(callId, q) end
    return done({ result = 'settled', seat = seat, was = c[1], node = c[5] or '', freed = freed,
                  orphanedFor = now - num(c[6], now), state = seatState(seat), requeued = true })
  end
  if c[1] == 'oncall' then
    countHandled(q, seat, c[4])
  else
    redis.call('HINCRBY', k('stats', q), 'lost', 1)
    redis.call('ZREM', k('timers'), 'o:' .. seat)
  end
  dropCall(callId)
  if freed then callOver(seat, q, callId) end
  return done({ result = 'settled', seat = seat, was = c[1], node = c[5] or '', freed = freed,
                orphanedFor = now - num(c[6], now), state = seatState(seat) })
end

-- ARGV: callId number
commands.callback = function()
  local callId = ARGV[4]
  local c = redis.call('HMGET', k('call', callId), 'state', 'queue', 'kind', 'node')
  if c[1] ~= 'waiting' then return fail('call ' .. callId .. ' is not waiting (' .. tostring(c[1]) .. ')') end
  redis.call('SREM', k('nodecalls', c[4]), callId)
  redis.call('HSET', k('call', callId), 'kind', 'callback', 'number', ARGV[5], 'node', '')
  redis.call('HINCRBY', k('stats', c[2]), 'callbacks', 1)
  return done({ position = position(callId, c[2]) })
end

-- ARGV: callId targetQueue
commands.move = function()
  local callId, target = ARGV[4], ARGV[5]
  local c = redis.call('HMGET', k('call', callId), 'state', 'queue')
  if c[1] ~= 'waiting' then return fail('call ' .. callId .. ' is not waiting (' .. tostring(c[1]) .. ')') end
  if redis.call('EXISTS', k('qconf', target)) == 0 then return fail('unknown queue ' .. target) end
  local score = redis.call('ZSCORE', k('wait', c[2]), callId)
  local arrival = redis.call('ZSCORE', k('arr', c[2]), callId)
  unqueue(callId, c[2])
  redis.call('HINCRBY', k('stats', c[2]), 'overflowed', 1)
  redis.call('ZADD', k('wait', target), score, callId)
  redis.call('ZADD', k('arr', target), arrival, callId)
  redis.call('HSET', k('call', callId), 'queue', target)
  assignCall(callId, target)
  return done({ position = position(callId, target) })
end

-- ARGV: maxTimers deadAfterMs. Heartbeat, due wrap-ups and offers, dead nodes.
commands.tick = function()
  redis.call('ZADD', k('nodes'), now, node)
  local due = redis.call('ZRANGEBYSCORE', k('timers'), '-inf', now, 'LIMIT', 0, tonumber(ARGV[4]))
  for _, timer in ipairs(due) do
    redis.call('ZREM', k('timers'), timer)
    local kind, seat = string.sub(timer, 1, 1), string.sub(timer, 3)
    local s = redis.call('HMGET', k('seat', seat), 'state', 'call')
    if kind == 'w' and s[1] == 'wrapup' then
      readyOrPausedAfterCall(seat)
    elseif kind == 'o' and s[1] == 'offered' then
      local c = redis.call('HMGET', k('call', s[2]), 'node', 'queue', 'kind', 'orphan')
      if c[4] then
        -- an orphan: Asterisk may have bridged it without the node; settle decides
      elseif c[3] == 'callback' or nodeAlive(c[1]) then
        -- the dialing side is alive but never reported: treat as no answer
        releaseOffer(seat, s[2], 'no answer')
        requeueAtHead(s[2], c[2])
        assignCall(s[2], c[2])
      else
        dropCall(s[2])
        releaseOffer(seat, s[2], nil)
      end
    end
  end
  local lost, orphaned, dead = 0, 0, {}
  for _, n in ipairs(redis.call('ZRANGEBYSCORE', k('nodes'), '-inf', now - tonumber(ARGV[5]))) do
    if n ~= node then
      local l, o = reapNode(n)
      lost, orphaned = lost + l, orphaned + o
      redis.call('ZREM', k('nodes'), n)
      dead[#dead + 1] = n
    end
  end
  return done({ timers = #due, lost = lost, orphaned = orphaned, dead = dead, orphans = orphanList() })
end

-- A node starting up: whatever its previous life owned died with its sockets (its calls on seats become orphans).
commands.reclaim = function()
  local lost, orphaned = reapNode(node)
  redis.call('ZADD', k('nodes'), now, node)
  return done({ lost = lost, orphaned = orphaned, orphans = orphanList() })
end

local command = commands[cmd]
if not command then return fail('unknown command ' .. tostring(cmd)) end
return command()
