/**
 * FastAGI over Netty: decodes the {@code agi_*} environment into an {@link org.hotline.ivr.agi.AgiRequest},
 * frames and parses Asterisk's replies ({@link org.hotline.ivr.agi.CommandReply}, our own implementation of
 * asterisk-java's reply interface), writes asterisk-java's command objects as lines, and gives each call an async
 * {@link org.hotline.ivr.agi.AgiCommandChannel}. Knows nothing of flows, queues or orders: a named
 * {@link org.hotline.ivr.agi.AgiScript} decides what a call does.
 */
package org.hotline.ivr.agi;
