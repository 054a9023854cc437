package org.hotline.ivr.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class with {@link AsteriskExtension}: the server under test logs in to the test Asterisk's AMI as
 * the least-privilege user {@code ivr} ({@code ami.enabled: true}), as in production; without it AMI stays off.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ServerLogsInToAmi {
}
