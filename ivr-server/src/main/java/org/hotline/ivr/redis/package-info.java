/**
 * The one road to shared state: a Jedis client for the configured Redis (or an embedded redis-server
 * this node starts itself), retried with backoff when Redis goes away, a health probe, and the leased claim
 * of due work ({@link org.hotline.ivr.redis.DueClaims}) that several nodes share.
 */
package org.hotline.ivr.redis;
