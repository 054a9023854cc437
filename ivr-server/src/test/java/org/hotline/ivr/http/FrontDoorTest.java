package org.hotline.ivr.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.ivr.IvrServer;
import org.hotline.ivr.ops.ConfigLoader;
import org.hotline.ivr.ops.Json;
import org.hotline.ivr.ops.PasswordHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door of a real node ({@link IvrServer} with every module's routes, over TCP): anonymous requests get
 * 401 everywhere but the declared public routes, the wrong role gets 403, and machine tokens and browser sessions
 * prove roles. The supervisors' file and the API tokens are this test's own (with an administrator).
 */
class FrontDoorTest {

    /** Every route anyone may call without logging in. Adding one here is a decision; forgetting a role is not. */
    private static final Set<String> PUBLIC = Set.of("GET /healthz", "GET /console", "GET /console/{file...}",
            "GET /wallboard", "GET /wallboard/{file...}", "POST /console/api/login", "POST /wallboard/api/login");

    private static final String METRICS_TOKEN = "scrape-" + Long.toHexString(System.nanoTime());
    /** Issued by {@code ivr accounts token ... --file}, as an operator would. */
    private static String supervisorToken;
    private static String adminToken;

    @TempDir
    static Path dir;
    static IvrServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path supervisors = dir.resolve("supervisors.yaml");
        Files.writeString(supervisors, "supervisors:\n"
                + "  - id: \"9001\"\n    name: Zhao Lei\n    passwordHash: " + hash("demo9001") + "\n"
                + "  - id: \"9002\"\n    name: Qian Yu\n    roles: [admin]\n    passwordHash: " + hash("demo9002") + "\n");
        Path tokens = dir.resolve("api-tokens.yaml");
        supervisorToken = issue("report-scraper", "supervisor", tokens);
        adminToken = issue("deploy", "admin", tokens);
        Files.createDirectories(dir.resolve("no-models"));
        Map<String, String> env = new HashMap<>(Map.of("IVR_HOME", "..",
                "IVR_AGI_PORT", "0", "IVR_AUDIO_PORT", "0", "IVR_HTTP_PORT", "0", "IVR_HTTP_BIND", "127.0.0.1",
                "IVR_REDIS_DATA_DIR", dir.resolve("redis").toString(),
                "IVR_AUDIO_RECORDINGS", dir.resolve("recordings").toString(),
                "IVR_SPEECH_MODELS", dir.resolve("no-models").toString(),
                "IVR_PATHS_SUPERVISORS", supervisors.toString(), "IVR_PATHS_API_TOKENS", tokens.toString()));
        env.put("IVR_METRICS_TOKEN", METRICS_TOKEN);
        server = IvrServer.start(new ConfigLoader(env).load(null));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String issue(String id, String roles, Path file) {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new org.hotline.ivr.IvrCommand());
        cli.setOut(new java.io.PrintWriter(out));
        assertThat(cli.execute("accounts", "token", id, "--roles", roles, "--file", file.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        return lines.get(1);
    }

    private static String hash(String password) {
        return PasswordHash.create(password.toCharArray(), 1000);
    }

    @Test
    void everyRouteButTheDeclaredPublicOnesRefusesAnAnonymousRequest() throws Exception {
        List<String> open = new ArrayList<>();
        List<String> notRefused = new ArrayList<>();
        for (Route route : server.routes().routes()) {
            String name = route.method() + " " + route.path();
            if (route.open()) {
                open.add(name);
                continue;
            }
            String path = route.path().replaceAll("\\{[^}]+}", "x");
            String request = route.mode() == Route.Mode.WEBSOCKET
                    ? RawHttp.upgrade(path, "Origin: http://127.0.0.1\r\n")
                    : route.method() + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
            int status = RawHttp.status(server.httpPort(), request);
            if (status != 401) {
                notRefused.add(name + " -> " + status);
            }
        }
        assertThat(notRefused).as("routes that answered an anonymous request").isEmpty();
        assertThat(open).as("public routes").containsExactlyInAnyOrderElementsOf(PUBLIC);
        assertThat(server.routes().routes()).hasSizeGreaterThan(PUBLIC.size() + 15);
    }

    /** docs/security.md's route table is what operators firewall and grant by: it must be this node's routes. */
    @Test
    void theSecurityGuideListsEveryRouteWithItsRole() throws IOException {
        Map<String, String> documented = new java.util.TreeMap<>();
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\\| `([A-Z]+ /[^`]*)` +\\| ([a-z]+)\\b.*");
        for (String line : Files.readAllLines(Path.of("..", "docs", "security.md"))) {
            java.util.regex.Matcher m = row.matcher(line);
            if (m.matches()) {
                documented.put(m.group(1), m.group(2));
            }
        }
        Map<String, String> registered = new java.util.TreeMap<>();
        server.routes().routes().forEach(route -> registered.put(route.method() + " " + route.path(), route.role().label()));
        List<String> fixes = new ArrayList<>();
        registered.forEach((route, role) -> {
            if (!role.equals(documented.get(route))) {
                fixes.add("add or correct the row | `" + route + "` | " + role + " | ... |");
            }
        });
        documented.keySet().stream().filter(route -> !registered.containsKey(route))
                .forEach(route -> fixes.add("remove the row of `" + route + "` (no such route)"));
        assertThat(fixes).as("docs/security.md's route table must match the routes (roles and firewalling are read"
                + " from it)").isEmpty();
    }

    @Test
    void theRoutesTheIssueFoundOpenNeedTheirRole() throws Exception {
        Session seat = login("console", "1001", "demo1001");
        Session supervisor = login("wallboard", "9001", "demo9001");
        for (String path : List.of("/api/queues", "/api/seats", "/api/reports/rates?from=2026-11-01&to=2026-11-30")) {
            assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, seat, null).statusCode()).as(path).isEqualTo(403);
            assertThat(send("GET", path, supervisor, null).statusCode()).as(path).isEqualTo(200);
            assertThat(send("GET", path, null, "Bearer " + supervisorToken).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(send("POST", "/admin/flows/reload", null, null, "http://evil.example").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/admin/flows/reload", seat, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/admin/flows/reload", supervisor, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/admin/flows/reload", null, "Bearer " + supervisorToken).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/admin/flows/reload", null, "Bearer " + adminToken).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdministratorsBrowserSessionReloadsFlowsOnlyWithItsCsrfTokenFromItsOwnOrigin() throws Exception {
        Session admin = login("wallboard", "9002", "demo9002");
        assertThat(admin.roles()).contains("admin", "supervisor");
        assertThat(send("POST", "/admin/flows/reload", admin.withoutCsrf(), null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/admin/flows/reload", admin, null, "http://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> reloaded = send("POST", "/admin/flows/reload", admin, null);
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(reloaded.body()).contains("12345");
    }

    @Test
    void adminRequestsAreAuditedWithWhoWhatAndWhenRefusedOrAnswered() throws Exception {
        Session admin = login("wallboard", "9002", "demo9002");
        Session supervisor = login("wallboard", "9001", "demo9001");
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        assertThat(send("POST", "/admin/flows/reload", admin, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/admin/flows/reload", supervisor, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/admin/flows/reload", null, "Bearer " + adminToken).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/admin/audit", supervisor, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/admin/audit", null, null).statusCode()).isEqualTo(401);

        // The Redis entry is written off the request's thread: it may land just after the answer.
        List<JsonNode> entries = new ArrayList<>();
        org.hotline.ivr.ami.Eventually.until("three audit entries", java.time.Duration.ofSeconds(10), () -> {
            entries.clear();
            try {
                HttpResponse<String> audit = send("GET", "/admin/audit?limit=20", null, "Bearer " + adminToken);
                Json.mapper().readTree(audit.body()).path("entries").forEach(entry -> {
                    if (java.time.Instant.parse(entry.path("at").asText()).isAfter(before)
                            && entry.path("action").asText().equals("POST /admin/flows/reload")) {
                        entries.add(entry);
                    }
                });
            } catch (Exception e) {
                return false;
            }
            return entries.size() >= 3;
        });
        // Newest first: the token's reload, the supervisor refused, the administrator's session.
        assertThat(entries).extracting(entry -> entry.path("who").asText() + " " + entry.path("credential").asText()
                        + " " + entry.path("status").asInt())
                .startsWith("deploy token 200", "9001 session 403", "9002 session 200");
        assertThat(entries.get(0).path("peer").asText()).isEqualTo("127.0.0.1");
        assertThat(server.redis().<Long>call("test", jedis -> jedis.llen(AdminAudit.KEY))).isGreaterThanOrEqualTo(3);
    }

    @Test
    void unknownPathsUnderTheGuardedPrefixesTellAnAnonymousCallerNothing() throws Exception {
        Session seat = login("console", "1002", "demo1002");
        for (String prefix : Router.GUARDED) {
            String path = prefix + "no-such-thing";
            assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(send("POST", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, null, "Bearer forged.token").statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, new Session("ivr_seat=forged", "", List.of()), null).statusCode())
                    .as(path).isEqualTo(401);
            assertThat(send("GET", path, seat, null).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(send("GET", "/console/api/login", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/no-page-here", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void metricsNeedTheScrapersTokenWhenOneIsConfigured() throws Exception {
        assertThat(send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metrics", null, "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metrics", null, "Bearer " + supervisorToken).statusCode()).isEqualTo(403);
        HttpResponse<String> scraped = send("GET", "/metrics", null, "Bearer " + METRICS_TOKEN);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes", "ivr_http_route_pool_active", "ivr_http_route_pool_queued");
        assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theSeatFeedNeedsASeatSessionFromAnAllowedOrigin() throws Exception {
        Session seat = login("console", "1003", "demo1003");
        Session supervisor = login("wallboard", "9001", "demo9001");
        int port = server.httpPort();
        assertThat(RawHttp.status(port, RawHttp.upgrade("/ws", "Origin: http://127.0.0.1\r\n"))).isEqualTo(401);
        assertThat(RawHttp.status(port, RawHttp.upgrade("/ws", "Origin: http://127.0.0.1\r\nCookie: "
                + supervisor.cookie() + "\r\n"))).isEqualTo(403);
        assertThat(RawHttp.status(port, RawHttp.upgrade("/ws", "Origin: http://evil.example\r\nCookie: "
                + seat.cookie() + "\r\n"))).isEqualTo(403);
        assertThat(RawHttp.status(port, RawHttp.upgrade("/ws", "Origin: http://127.0.0.1\r\nCookie: "
                + seat.cookie() + "\r\n"))).isEqualTo(101);
    }

    /** A browser session: its cookie, its CSRF token, its roles. */
    record Session(String cookie, String csrf, List<String> roles) {
        Session withoutCsrf() {
            return new Session(cookie, "", roles);
        }
    }

    private Session login(String area, String id, String password) throws Exception {
        HttpResponse<String> response = send("POST", "/" + area + "/api/login", null, null, null,
                "{\"id\":\"" + id + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(response.body());
        List<String> roles = new ArrayList<>();
        body.path("roles").forEach(role -> roles.add(role.asText()));
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        return new Session(cookie, body.path("csrf").asText(), roles);
    }

    private HttpResponse<String> send(String method, String path, Session session, String authorization) throws Exception {
        return send(method, path, session, authorization, null, null);
    }

    private HttpResponse<String> send(String method, String path, Session session, String authorization, String origin)
            throws Exception {
        return send(method, path, session, authorization, origin, null);
    }

    private HttpResponse<String> send(String method, String path, Session session, String authorization, String origin,
                                      String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (session != null) {
            request.header("Cookie", session.cookie());
            if (!session.csrf().isEmpty()) {
                request.header("X-CSRF-Token", session.csrf());
            }
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
