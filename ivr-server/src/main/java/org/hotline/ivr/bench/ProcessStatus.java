package org.hotline.ivr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory and threads of a process as the kernel counts them ({@code /proc/PID/status}): resident set
 * now and at its peak, in bytes. Zero where the file is not there (not Linux).
 */
record ProcessStatus(long rssBytes, long peakRssBytes, int threads) {

    static ProcessStatus of(long pid) {
        Path file = Path.of("/proc", String.valueOf(pid), "status");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return new ProcessStatus(0, 0, 0);
        }
        return new ProcessStatus(kib(lines, "VmRSS:") * 1024, kib(lines, "VmHWM:") * 1024,
                (int) kib(lines, "Threads:"));
    }

    private static long kib(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key))
                .map(line -> line.substring(key.length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong).findFirst().orElse(0);
    }
}
