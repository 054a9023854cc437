package org.hotline.ivr.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class with {@link AsteriskExtension}: the server under test uses Debian's {@code redis-server} as a
 * process of the rig's own ({@link AsteriskRig#redisProcess()}), which the tests stall (SIGSTOP) and kill, with a
 * short command timeout and retry window ({@link AsteriskRig#REDIS_RETRY_FOR}). Skipped, saying so, without it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ServerOnRedisProcess {
}
