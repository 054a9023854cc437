package org.hotline.ivr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the figures were taken: CPU, cores, memory, OS, JVM, and how busy the machine was. */
public record MachineInfo(String cpu, int cores, long memoryBytes, String os, String jvm, String loadAverage) {

    static MachineInfo now() {
        return new MachineInfo(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages, for saying honestly what else was running. */
    static String currentLoadAverage() {
        String line = firstLine(Path.of("/proc/loadavg"), "");
        String[] parts = line.split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static long totalMemory() {
        String line = firstLine(Path.of("/proc/meminfo"), "MemTotal:");
        String[] parts = line.trim().split("\\s+");
        return parts.length >= 2 ? Long.parseLong(parts[1]) * 1024 : 0;
    }

    private static String firstLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
