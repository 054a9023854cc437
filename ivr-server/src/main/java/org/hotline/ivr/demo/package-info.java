/**
 * The built-in {@code demo} and {@code echo} scripts: a small call that answers, plays, collects digits and
 * says them back, recording each step in Redis. They prove the AGI path end to end before any flow is
 * loaded.
 */
package org.hotline.ivr.demo;
