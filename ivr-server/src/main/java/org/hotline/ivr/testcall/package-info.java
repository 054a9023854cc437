/**
 * Test calls through a real Asterisk, driven over AMI: a simulated citizen (a Local channel running the
 * test-only {@code test-caller} context of {@code config/asterisk/extensions-test.conf}) calls the IVR,
 * presses keys when the IVR asks for them and speaks a WAV file when it listens, and every step is
 * reported. Used by {@code ./ivr call} and by the end-to-end tests; nothing here runs in production.
 */
package org.hotline.ivr.testcall;
