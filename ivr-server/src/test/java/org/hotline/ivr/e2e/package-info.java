/**
 * End-to-end tests through a real Asterisk 22 ({@code ../shared/asterisk}): {@link org.hotline.ivr.e2e.AsteriskExtension}
 * starts one Asterisk with the project's dialplan and one IVR server per test class, and fails a test whose
 * calls made Asterisk complain. Skipped, with the reason, where that Asterisk build is absent.
 */
package org.hotline.ivr.e2e;
