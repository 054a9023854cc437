package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import org.hotline.ivr.ops.Json;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.hotline.ivr.bench.AgiBench;
import org.hotline.ivr.bench.BenchReport;
import org.hotline.ivr.bench.BenchSettings;
import org.hotline.ivr.bench.BenchTables;
import org.hotline.ivr.bench.ServerKind;
import org.hotline.ivr.bench.ServerLaunch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ivr bench agi}: N concurrent simulated calls of M commands against this server and against
 * asterisk-java's DefaultAgiServer, each in its own JVM; prints Markdown tables for BENCHMARKS.md.
 */
@Command(name = "agi", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "FastAGI load: this server vs asterisk-java's DefaultAgiServer (commands/s, latency, memory).")
public final class AgiBenchCommand implements Callable<Integer> {

    @Option(names = "--calls", split = ",", defaultValue = "100,1000,2000,10000",
            description = "concurrency levels, comma-separated; 0 runs none, e.g. with --idle (default ${DEFAULT-VALUE})")
    List<Integer> calls;

    @Option(names = "--commands", defaultValue = "20", description = "AGI commands per call, ANSWER and HANGUP included (default ${DEFAULT-VALUE})")
    int commands;

    @Option(names = "--server", defaultValue = "both", description = "netty, asterisk-java, floor (a bare Netty line server: the least any Java server"
                    + " spends), both (netty and asterisk-java) or all, or a comma-separated list (default ${DEFAULT-VALUE})")
    String server;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "load before the measured window, per level (default ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "measured window per level (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--idle", defaultValue = "0", description = "also hold this many idle calls at once and report memory (0: skip)")
    int idle;

    @Option(names = "--idle-hold", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long each idle call waits on its command (default ${DEFAULT-VALUE})")
    Duration idleHold;

    @Option(names = "--ramp", defaultValue = "5000", description = "new calls a second while opening a level (default ${DEFAULT-VALUE})")
    int ramp;

    @Option(names = "--setting-up", defaultValue = "200",
            description = "at most this many calls between connect and first command while opening (default ${DEFAULT-VALUE})")
    int settingUp;

    @Option(names = "--heap", defaultValue = "512m", description = "-Xmx of each server JVM (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--server-cpus", defaultValue = "", paramLabel = "CPUS",
            description = "pin each server JVM to these cores (taskset list, e.g. 1); with --generator-cpus")
    String serverCpus;

    @Option(names = "--generator-cpus", defaultValue = "", paramLabel = "CPUS",
            description = "pin the load generator (this JVM) to these cores, e.g. 0; with --server-cpus")
    String generatorCpus;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "write a Flight Recorder profile (CPU samples, allocations) of each server run into DIR")
    Path profile;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the full report as JSON")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<ServerKind> servers = switch (server) {
            case "both" -> List.of(ServerKind.NETTY, ServerKind.ASTERISK_JAVA);
            case "all" -> List.of(ServerKind.NETTY, ServerKind.ASTERISK_JAVA, ServerKind.FLOOR);
            default -> Arrays.stream(server.split(",")).map(String::trim).map(ServerKind::of).toList();
        };
        List<Integer> levels = calls.stream().filter(n -> n != 0).toList();
        BenchSettings settings = new BenchSettings(levels, commands, servers, warmup, duration, idle, idleHold, ramp,
                settingUp, new ServerLaunch(heap, serverCpus, generatorCpus, profile), Duration.ofSeconds(60));
        PrintWriter out = spec.commandLine().getOut();
        BenchReport report = new AgiBench(settings, spec.commandLine().getErr()).run();
        out.println(BenchTables.markdown(report));
        out.flush();
        if (json != null) {
            // Durations as ISO-8601 text (PT10S): readable, and no java.time module needed.
            Json.mapper().copy().registerModule(new SimpleModule().addSerializer(Duration.class, ToStringSerializer.instance))
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        }
        return report.allCallsCompleted() ? 0 : 3;
    }
}
