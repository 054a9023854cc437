package org.hotline.ivr.cli;

import org.hotline.ivr.ops.VersionProvider;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.ops.IvrConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./ivr serve}: run a server node until stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the IVR server: FastAGI, AudioSocket, HTTP (/healthz, /metrics).")
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        IvrConfig loaded = config.load();
        CountDownLatch stopped = new CountDownLatch(1);
        IvrServer server = IvrServer.start(loaded);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
