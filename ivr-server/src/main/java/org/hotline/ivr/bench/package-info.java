/**
 * Load benchmarks: {@code ./ivr bench agi} drives the call simulator against this server's FastAGI
 * transport and, with an equivalent script, against asterisk-java's thread-per-call
 * {@code DefaultAgiServer}, and against a floor (a bare Netty line server of the same conversation), each
 * server in a JVM of its own (optionally pinned to its own cores) so that memory and CPU are its own; it
 * reports commands per second, CPU per command (and its kernel part), command latency and memory per
 * concurrency level. {@code ./ivr bench calls} ({@link org.hotline.ivr.bench.CallBench}) runs whole 12345 calls
 * (menus, descriptions streamed over AudioSocket, queue, seats, drafts) on one real node and reports how many it
 * holds within the command and frame latency bounds.
 */
package org.hotline.ivr.bench;
