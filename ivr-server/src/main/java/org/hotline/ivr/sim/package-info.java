/**
 * A call simulator that behaves like Asterisk on the wire: it connects to the FastAGI port, sends a
 * realistic {@code agi_*} environment, answers commands as a channel would (prompts take time, keys are
 * pressed, {@code EXEC AudioSocket} streams a WAV file to the AudioSocket port in 20 ms frames), and
 * records the conversation. Used by {@code ./ivr demo}, flow simulation, tests and load benchmarks.
 */
package org.hotline.ivr.sim;
