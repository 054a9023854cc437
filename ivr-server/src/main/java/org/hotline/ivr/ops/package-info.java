/**
 * Running the server: configuration (defaults, file, environment), the shared Netty event loops, the
 * peer allow-list, the HTTP endpoint for health and Prometheus metrics, and log hygiene such as
 * phone-number masking.
 */
package org.hotline.ivr.ops;
