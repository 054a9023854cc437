/**
 * Running the server: configuration (defaults, file, environment), the YAML reader with line numbers for the
 * files a person edits ({@link org.hotline.ivr.ops.YamlNode}), the Netty event loops, the call ports'
 * listener and peer allow-list, health, password hashes, and log hygiene such as phone-number masking. HTTP is
 * {@code org.hotline.ivr.http}.
 */
package org.hotline.ivr.ops;
