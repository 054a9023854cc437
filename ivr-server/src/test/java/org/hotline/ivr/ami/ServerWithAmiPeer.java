package org.hotline.ivr.ami;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.http.ApiTokens;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.order.CallFacts;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderContact;
import org.hotline.ivr.order.OrderContacts;
import org.hotline.ivr.order.OrderSettings;
import org.hotline.ivr.queue.CallDistributor;

/**
 * A whole {@link IvrServer} on free ports with AMI enabled against a {@link FakeAmiPeer}, configured through
 * IVR_* environment variables as an operator would; the shipped flows are copied to a folder tests may add to.
 */
public final class ServerWithAmiPeer implements AutoCloseable {

    public final FakeAmiPeer peer;
    public final IvrServer server;
    public final Path flows;

    private ServerWithAmiPeer(FakeAmiPeer peer, IvrServer server, Path flows) {
        this.peer = peer;
        this.server = server;
        this.flows = flows;
    }

    /** A machine client with the supervisor's role (the rates report, queue figures). */
    public static final ApiTokens.Issued SUPERVISOR = ApiTokens.issue("test-supervisor", Set.of(Role.SUPERVISOR));

    /** {@code extraFlows}: file name -> YAML, added beside the shipped flows. */
    public static ServerWithAmiPeer start(Path data, Map<String, String> env, Map<String, String> extraFlows) throws IOException {
        FakeAmiPeer peer = new FakeAmiPeer("ivr", "pw");
        Path flows = copyFlows(data.resolve("flows"));
        for (Map.Entry<String, String> flow : extraFlows.entrySet()) {
            Files.writeString(flows.resolve(flow.getKey()), flow.getValue());
        }
        Path tokens = data.resolve("api-tokens.yaml");
        Files.writeString(tokens, "tokens:\n  - id: " + SUPERVISOR.entry().id() + "\n    roles: [supervisor]\n    hash: "
                + SUPERVISOR.entry().hash() + "\n");
        Map<String, String> all = new HashMap<>(Map.of("IVR_HOME", "..", "IVR_AMI_ENABLED", "true",
                "IVR_AMI_SERVERS_0_PORT", Integer.toString(peer.port()), "IVR_AMI_SECRET", "pw",
                "IVR_PATHS_FLOWS", flows.toAbsolutePath().toString(), "IVR_PATHS_API_TOKENS", tokens.toString()));
        all.putAll(env);
        IvrConfig defaults = new ConfigLoader(all).load(null).withPorts(0, 0, 0);
        IvrConfig config = defaults.withRedis(new IvrConfig.Redis("", data.resolve("redis"), Duration.ofSeconds(2)));
        IvrServer server = IvrServer.start(config);
        Eventually.until("AMI link up", Duration.ofSeconds(30), () -> server.ami().links().anyUp().isPresent());
        return new ServerWithAmiPeer(peer, server, flows);
    }

    private static Path copyFlows(Path target) throws IOException {
        Path shipped = Path.of("..", "call-flows");
        try (Stream<Path> paths = Files.walk(shipped)) {
            for (Path source : paths.toList()) {
                Path to = target.resolve(shipped.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    /** A draft order for {@code callId}, as the flow writes one before queueing. */
    public DraftOrder draft(String callId, String number, String transcript) {
        return server.orders().writer().draft(new CallFacts(callId, number, "zh", List.of("1"), transcript, "", null));
    }

    public List<OrderContact> contacts(String orderId) {
        return new OrderContacts(server.redis(), OrderSettings.defaults().keys()).contacts(orderId);
    }

    public CallDistributor distributor() {
        return server.queues().distributor();
    }

    public String seatState(String seatId) {
        for (JsonNode group : distributor().rawStats()) {
            for (JsonNode seat : group.path("seats")) {
                if (seat.path("id").asText().equals(seatId)) {
                    return seat.path("state").asText();
                }
            }
        }
        return "";
    }

    public JsonNode queueStats(String queueId) {
        for (JsonNode group : distributor().rawStats()) {
            for (JsonNode queue : group.path("queues")) {
                if (queue.path("id").asText().equals(queueId)) {
                    return queue;
                }
            }
        }
        throw new AssertionError("no queue " + queueId + " in " + distributor().rawStats());
    }

    /** A counter of a queue (entered, abandoned, handled ...), 0 if never counted. */
    public long counter(String queueId, String name) {
        JsonNode counters = queueStats(queueId).path("counters");
        for (int i = 0; i + 1 < counters.size(); i += 2) {
            if (counters.get(i).asText().equals(name)) {
                return counters.get(i + 1).asLong();
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        peer.close();
    }
}
