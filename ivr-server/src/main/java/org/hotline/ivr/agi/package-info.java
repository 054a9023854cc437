/**
 * FastAGI over Netty: decodes the {@code agi_*} environment into an {@link org.hotline.ivr.agi.AgiRequest},
 * frames replies, encodes asterisk-java's command objects, and gives each call an async
 * {@link org.hotline.ivr.agi.AgiCommandChannel}. Knows nothing of flows, queues or orders: a named
 * {@link org.hotline.ivr.agi.AgiScript} decides what a call does.
 */
package org.hotline.ivr.agi;
