/**
 * The one road to shared state: a Jedis client for the configured Redis ({@link org.hotline.ivr.redis.RedisTopology}:
 * one server, a master behind Redis Sentinel, or a Redis Cluster; or an embedded redis-server this node starts
 * itself), retried with backoff through outages and failovers, {@code WAIT}ed writes for what must survive a
 * failover, a health probe naming the master in use, and the leased claim of due work
 * ({@link org.hotline.ivr.redis.DueClaims}) that several nodes share.
 */
package org.hotline.ivr.redis;
