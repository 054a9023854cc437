/**
 * Load benchmarks: {@code ./ivr bench agi} drives the call simulator against this server's FastAGI
 * transport and, with an equivalent script, against asterisk-java's thread-per-call
 * {@code DefaultAgiServer}, each server in a JVM of its own so that memory and CPU are its own; it
 * reports commands per second, command latency and memory per concurrency level.
 */
package org.hotline.ivr.bench;
