/**
 * Running the server: configuration (defaults, file, environment), the Netty event loops, the call ports'
 * listener and peer allow-list, health, password hashes, and log hygiene such as phone-number masking. HTTP is
 * {@code org.hotline.ivr.http}.
 */
package org.hotline.ivr.ops;
