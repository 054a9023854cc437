package org.hotline.ivr.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How each benchmarked server JVM is started: its heap ({@code -Xmx}), the cores it may run on and the
 * cores left to the load generator (taskset lists such as {@code 1} or {@code 0-1}; empty: unpinned),
 * and a directory for a Flight Recorder profile of each run (null: no profile).
 */
public record ServerLaunch(String heap, String serverCpus, String generatorCpus, Path profileDir) {

    public ServerLaunch {
        serverCpus = serverCpus == null ? "" : serverCpus.trim();
        generatorCpus = generatorCpus == null ? "" : generatorCpus.trim();
        if (serverCpus.isEmpty() != generatorCpus.isEmpty()) {
            // A pinned generator's children would inherit its cores: the server would share them.
            throw new IllegalArgumentException("--server-cpus and --generator-cpus go together, got '" + serverCpus
                    + "' and '" + generatorCpus + "'");
        }
        for (String cpus : List.of(serverCpus, generatorCpus)) {
            if (!cpus.matches("[0-9,\\-]*")) {
                throw new IllegalArgumentException("a CPU list is like 1 or 0-1 or 0,2, got '" + cpus + "'");
            }
        }
    }

    public static ServerLaunch unpinned(String heap) {
        return new ServerLaunch(heap, "", "", null);
    }

    boolean pinned() {
        return !serverCpus.isEmpty();
    }

    /** The command prefix that confines a new process to the server's cores. */
    List<String> cpuPrefix() {
        return serverCpus.isEmpty() ? List.of() : List.of("taskset", "-c", serverCpus);
    }

    /** JVM options of the run named {@code run}: heap, and a recording that the server dumps before it exits. */
    List<String> jvmOptions(String run) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-Xms64m", "-XX:+UseG1GC"));
        if (profileDir != null) {
            options.add("-XX:StartFlightRecording=settings=profile,filename="
                    + profileDir.resolve(run + ".jfr").toAbsolutePath());
        }
        return options;
    }

    /** One line for the report: where each side ran. */
    String describe() {
        if (!pinned()) {
            return "server and load generator unpinned (both may use every core)";
        }
        return "server pinned to CPU " + serverCpus + ", load generator to CPU " + generatorCpus;
    }
}
