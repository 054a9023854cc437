/**
 * AudioSocket over Netty: the frame codec (kind, length, payload, with hard limits), the server that
 * Asterisk's {@code AudioSocket} application connects to, one stream per call matched by its uuid
 * ({@link org.hotline.ivr.audio.AudioStreams}), and the audio plumbing every stream needs: WAV
 * recording as it streams, WAV reading and sample-rate conversion. It knows nothing of speech or flows.
 */
package org.hotline.ivr.audio;
