/**
 * The composition root: the server node ({@link org.hotline.ivr.IvrServer}: builds, connects and starts every
 * part in order, stops them in reverse), the adapters that join one transport to another part
 * ({@link org.hotline.ivr.AgiCallCleanup}: AMI hang-ups end FastAGI calls; {@code QueueSeatDevices}: AMI device
 * states pause queue seats), and the {@code ./ivr} entry point ({@link org.hotline.ivr.IvrCommand}). Each
 * capability lives in a package of its own; see docs/architecture.md for the map.
 */
package org.hotline.ivr;
