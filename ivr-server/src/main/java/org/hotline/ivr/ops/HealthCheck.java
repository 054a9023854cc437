package org.hotline.ivr.ops;

/** One part's health as the health endpoint shows it; {@code required} parts decide readiness. */
@FunctionalInterface
public interface HealthCheck {

    Status check();

    record Status(boolean up, boolean required, Object detail) {
    }
}
