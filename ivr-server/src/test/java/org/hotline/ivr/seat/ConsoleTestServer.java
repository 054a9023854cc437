package org.hotline.ivr.seat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;

/**
 * A whole server node (embedded Redis, FastAGI, HTTP with the console) on free ports, with seats 1001-1003
 * (password "demo" + id), supervisor 9001 ("demo9001"), a few categories and places, in a temporary directory.
 */
final class ConsoleTestServer implements AutoCloseable {

    static final int FAST_HASH = 1000;

    private final StandInNode server;

    private ConsoleTestServer(StandInNode server) {
        this.server = server;
    }

    static ConsoleTestServer start(Path dir, Duration wrapUp, Map<String, String> moreEnv) throws IOException {
        Files.createDirectories(dir);
        StringBuilder seats = new StringBuilder("seats:\n");
        for (String id : new String[] {"1001", "1002", "1003"}) {
            seats.append("  - id: \"").append(id).append("\"\n    name: Seat ").append(id).append("\n    passwordHash: ")
                    .append(PasswordHash.create(("demo" + id).toCharArray(), FAST_HASH)).append('\n');
        }
        Files.writeString(dir.resolve("seats.yaml"), seats);
        Files.writeString(dir.resolve("supervisors.yaml"), "supervisors:\n  - id: \"9001\"\n    name: Zhao Lei\n"
                + "    passwordHash: " + PasswordHash.create("demo9001".toCharArray(), FAST_HASH) + "\n");
        Files.writeString(dir.resolve("categories.yaml"), """
                categories:
                  - id: city-management
                    name: 城市管理与环境卫生
                    en: City management and sanitation
                    sub:
                      - id: garbage
                        name: 垃圾清运
                        en: Garbage collection
                  - id: traffic
                    name: 交通出行
                    en: Transport
                  - id: noise
                    name: 噪音扰民
                    en: Noise
                """);
        Files.createDirectories(dir.resolve("gazetteer"));
        Files.writeString(dir.resolve("gazetteer/beijing.yaml"), """
                city: 北京市
                districts:
                  - name: 朝阳区
                    en: Chaoyang
                    streets:
                      - {name: 双井街道, en: Shuangjing}
                      - {name: 劲松街道, en: Jinsong}
                  - name: 海淀区
                    en: Haidian
                    streets:
                      - {name: 中关村街道, en: Zhongguancun}
                """);
        Map<String, String> env = new HashMap<>(Map.of(
                "IVR_AGI_PORT", "0", "IVR_AUDIO_PORT", "0", "IVR_HTTP_PORT", "0", "IVR_HTTP_BIND", "127.0.0.1",
                "IVR_REDIS_DATA_DIR", dir.resolve("redis").toString(),
                "IVR_PATHS_SEATS", dir.resolve("seats.yaml").toString(),
                "IVR_PATHS_SUPERVISORS", dir.resolve("supervisors.yaml").toString(),
                "IVR_CONSOLE_WRAP_UP", wrapUp.toMillis() + "ms"));
        env.putAll(moreEnv);
        IvrConfig config = new ConfigLoader(env).load(null);
        try {
            return new ConsoleTestServer(StandInNode.start(config));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
    }

    StandInNode server() {
        return server;
    }

    String base() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
