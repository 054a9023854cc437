package org.hotline.ivr.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/** Applies the configured log format and level after the configuration is known. */
final class LogSetup {

    private LogSetup() {
    }

    static void apply(String format) {
        if (!"json".equals(format)) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("CONSOLE");
        if (console == null) {
            return;
        }
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.start();
        console.stop();
        console.setEncoder(json);
        console.start();
    }

    static void level(String loggerName, Level level) {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(loggerName).setLevel(level);
    }
}
