/**
 * The server node ({@link org.hotline.ivr.IvrServer}: starts and stops every part in order) and the
 * {@code ./ivr} entry point ({@link org.hotline.ivr.IvrCommand}). Each capability lives in a package of
 * its own; see ARCHITECTURE.md for the map.
 */
package org.hotline.ivr;
