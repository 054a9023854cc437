/**
 * The one road to shared state: a Jedis client for the configured Redis (or an embedded redis-server
 * this node starts itself), retried with backoff when Redis goes away, and a health probe.
 */
package org.hotline.ivr.redis;
