/**
 * The line-check scripts {@code demo} and {@code echo} ({@link org.hotline.ivr.demo.DemoScripts}): a small call
 * that answers, plays, collects digits and says them back, recording each step in Redis. {@code ./ivr demo}
 * registers them to prove the AGI path end to end; a production node does not serve them.
 */
package org.hotline.ivr.demo;
