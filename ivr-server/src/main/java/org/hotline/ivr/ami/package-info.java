/**
 * Asterisk's manager interface (AMI) through asterisk-java, as a transport: one supervised
 * {@link org.hotline.ivr.ami.AmiLink} per configured server (login, event mask, reconnect with backoff, state
 * re-read after every reconnect), events fanned out to {@link org.hotline.ivr.ami.AmiSubscriber}s, originating
 * calls ({@link org.hotline.ivr.ami.Originator}), seat phones' device state
 * ({@link org.hotline.ivr.ami.SeatDeviceWatch} into {@link org.hotline.ivr.ami.SeatDeviceStates}) and the hang-up
 * watch ({@link org.hotline.ivr.ami.HangupWatch} into {@link org.hotline.ivr.ami.CallHangups}), and acting on live
 * channels ({@link org.hotline.ivr.ami.ChannelControl}: find, redirect, set variables, hang up). Knows nothing of
 * flows, queues, orders or follow-ups: those ports are implemented where those live, and callbacks and surveys
 * ({@code followup}) are built on the originator.
 */
package org.hotline.ivr.ami;
