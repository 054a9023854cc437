/**
 * Asterisk's manager interface (AMI) through asterisk-java: one supervised {@link org.hotline.ivr.ami.AmiLink}
 * per configured server (login, event mask, reconnect with backoff, state re-read after every reconnect),
 * fan-out of the events we use to small sinks ({@link org.hotline.ivr.ami.SeatDeviceStates},
 * {@link org.hotline.ivr.ami.CallHangups}, {@link org.hotline.ivr.ami.CallbackOutcomes}), and originating
 * calls (callbacks, surveys). Knows nothing of queues or orders: the sinks are implemented where those live.
 */
package org.hotline.ivr.ami;
