/** The {@code ./ivr} command line: one picocli command class per verb, thin, calling the packages that do the work. */
package org.hotline.ivr.cli;
