package org.hotline.ivr.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time this process's JIT compiler threads have used (user + system, from {@code /proc/self/task/}, in clock
 * ticks of 10 ms). A server still compiling spends CPU no steady state would; this shows how much of a window's CPU
 * was the compiler's, and tells the warm-up when compilation has really stopped (the compile-time counter only moves
 * when a compilation finishes, and one can run for seconds). Zero where {@code /proc} is not there (not Linux).
 */
final class CompilerCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;
    /** Fields 14 and 15 (utime, stime), counted after the ")" that ends the thread name. */
    private static final int UTIME_AFTER_NAME = 11;

    private CompilerCpu() {
    }

    static long nanos() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                ticks += compilerTicks(task);
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** A thread's ticks if it is a HotSpot compiler thread ("C1 CompilerThre", "C2 CompilerThre": 15 characters). */
    private static long compilerTicks(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (!name.contains("CompilerThre")) {
                return 0;
            }
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1]);
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended while we looked
        }
    }
}
