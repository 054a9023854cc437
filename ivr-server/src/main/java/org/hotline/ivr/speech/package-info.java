/**
 * Speech: Vosk models per language (manifest, install, loaded once in the background and shared),
 * streaming recognizers on a bounded decoding pool, grammar-constrained recognition for spoken menu
 * answers, our own end-of-speech detection, and descriptions: the audio of one AudioSocket stream
 * recorded to WAV first, then endpointed and transcribed, with live partials published through Redis.
 * Without a model for a language everything still records and says so.
 */
package org.hotline.ivr.speech;
