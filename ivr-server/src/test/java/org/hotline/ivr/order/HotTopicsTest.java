package org.hotline.ivr.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.ivr.http.ApiTokens;
import org.hotline.ivr.http.HttpServer;
import org.hotline.ivr.http.Role;
import org.hotline.ivr.http.Router;
import org.hotline.ivr.ops.ConfigException;
import org.hotline.ivr.ops.IvrConfig;
import org.hotline.ivr.ops.NettyTransport;
import org.hotline.ivr.redis.RedisUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The monthly hot topics over drafts written by the real writer into a real redis-server, from descriptions written
 * the way Vosk transcribes callers (spaced words, fillers, no punctuation): categories with the change against the
 * previous month, places per category, hot words segmented by SmartChinese, through the report, the CLI and the
 * supervisors' route.
 */
class HotTopicsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @RegisterExtension
    static final RedisUnderTest redis = new RedisUnderTest();
    private static RedisOrders orders;
    private static HotTopics topics;
    private static NettyTransport transport;
    private static HttpServer server;
    private static final ApiTokens.Issued SUPERVISOR = ApiTokens.issue("sup-1", Set.of(Role.SUPERVISOR));
    private static final ApiTokens.Issued SEAT = ApiTokens.issue("seat-1", Set.of(Role.SEAT));
    private final AtomicInteger calls = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws InterruptedException {
        orders = new RedisOrders(redis.gateway());
        Orders parts = new Orders(OrderRules.load(OrderRulesTest.CONFIG), orders.store, orders.writer);
        topics = parts.hotTopics(OrderRulesTest.CONFIG, OrderSettings.defaults(), Clock.systemUTC());
        transport = new NettyTransport(1);
        Router routes = new Router().authenticateWith(ApiTokens.of(List.of(SUPERVISOR.entry(), SEAT.entry())));
        parts.registerTopics(routes, topics, Clock.systemUTC());
        server = HttpServer.start(new IvrConfig.Http("127.0.0.1", 0), transport, routes);
    }

    @AfterAll
    static void stop() {
        server.close();
        transport.close();
    }

    /** November: 5 heating (4 in Chaoyang), 2 garbage, 1 noise, 1 unclassified; October: 2 heating, 3 garbage. */
    private Map<String, DraftOrder> month() {
        Map<String, DraftOrder> drafted = new HashMap<>();
        drafted.put("heating-1", draft("2026-11-03T09:00", "zh", "嗯 那个 我 家 暖气 不 热 已经 三 天 了 朝阳区 望京 街道"));
        drafted.put("heating-2", draft("2026-11-05T20:10", "zh", "喂 望京 这边 暖气 冰凉 家里 冷 得 不行 朝阳区"));
        drafted.put("heating-3", draft("2026-11-12T08:30", "zh", "那个 朝阳区 望京 花家地 小区 暖气 不 热 摸 着 冰凉"));
        drafted.put("heating-4", draft("2026-11-20T11:00", "zh", "就是 海淀区 中关村 我们 楼 暖气 不 热 冰凉 冰凉 的"));
        drafted.put("heating-en", draft("2026-11-21T11:00", "en",
                "uh the heating in my building is off and the radiators are cold wangjing chaoyang"));
        drafted.put("garbage-1", draft("2026-11-07T10:00", "zh", "朝阳区 双井 小区 门口 垃圾 没人 清运 臭气 熏天"));
        drafted.put("garbage-2", draft("2026-11-08T10:00", "zh", "双井 这边 垃圾 堆满 了 没人 收 朝阳区"));
        drafted.put("noise", draft("2026-11-09T23:40", "zh", "楼下 工地 半夜 施工 噪音 太 大 丰台区 卢沟桥"));
        drafted.put("unclassified", draft("2026-11-30T15:59", "zh", "嗯 那个 就是 想 问 一下"));
        // The first and last instants of November in Beijing belong to it; a minute later is December.
        drafted.put("october-1", draft("2026-10-02T09:00", "zh", "朝阳区 望京 暖气 不 热"));
        drafted.put("october-2", draft("2026-10-31T23:59", "zh", "海淀区 暖气 冰凉"));
        drafted.put("october-3", draft("2026-10-10T09:00", "zh", "双井 垃圾 没人 清运 朝阳区"));
        drafted.put("october-4", draft("2026-10-11T09:00", "zh", "垃圾 堆满 了 没人 收 海淀区"));
        drafted.put("october-5", draft("2026-10-12T09:00", "zh", "垃圾 桶 满 了 丰台区"));
        drafted.put("december", draft("2026-12-01T00:00", "zh", "朝阳区 暖气 不 热"));
        return drafted;
    }

    private DraftOrder draft(String localTime, String language, String text) {
        Instant at = java.time.LocalDateTime.parse(localTime).atZone(BEIJING).toInstant();
        return orders.writer.draft(new CallFacts("topics-" + calls.incrementAndGet(), "13800138000", language,
                List.of(), text, "", at));
    }

    @Test
    void theMonthsTopCategoriesCountAgainstThePreviousMonthWithTheirPlaces() {
        Map<String, DraftOrder> drafted = month();
        // The fixture is what the rules make of it (not part of what is tested, but what the expectations rest on).
        assertThat(List.of("heating-1", "heating-2", "heating-3", "heating-4", "heating-en"))
                .allSatisfy(key -> assertThat(drafted.get(key).category()).as(key).isEqualTo("heating"));
        assertThat(drafted.get("garbage-1").category()).isEqualTo("city-management");
        assertThat(drafted.get("noise").category()).isEqualTo("noise-environment");
        assertThat(drafted.get("unclassified").category()).isIn("", "unclassified");

        TopicsReport report = topics.report(NOVEMBER);

        assertThat(report.month()).isEqualTo("2026-11");
        assertThat(report.previousMonth()).isEqualTo("2026-10");
        assertThat(report.orders()).isEqualTo(9);
        assertThat(report.previousOrders()).isEqualTo(5);
        assertThat(report.unclassified()).isEqualTo(1);
        assertThat(report.categories()).extracting(TopicsReport.CategoryTopic::category)
                .containsExactly("heating", "city-management", "noise-environment");
        TopicsReport.CategoryTopic heating = report.categories().get(0);
        assertThat(heating.name()).isEqualTo("供热");
        assertThat(heating.count()).isEqualTo(5);
        assertThat(heating.previous()).isEqualTo(2);
        assertThat(heating.change()).isEqualTo(3);
        assertThat(heating.changeRate()).isEqualTo(1.5);
        assertThat(heating.districts().get(0)).isEqualTo(new TopicsReport.PlaceCount("朝阳区", "", 4));
        assertThat(heating.districts()).contains(new TopicsReport.PlaceCount("海淀区", "", 1));
        assertThat(heating.streets().get(0).street()).isEqualTo("望京街道");
        assertThat(heating.streets().get(0).count()).isGreaterThanOrEqualTo(3);
        TopicsReport.CategoryTopic garbage = report.categories().get(1);
        assertThat(garbage.count()).isEqualTo(2);
        assertThat(garbage.change()).isEqualTo(-1);
        assertThat(garbage.streets()).containsExactly(new TopicsReport.PlaceCount("朝阳区", "双井街道", 2));
        assertThat(report.categories().get(2).changeRate()).as("none the month before").isNull();
    }

    @Test
    void hotWordsAreSegmentedWordsCountedOncePerOrderWithoutStopWordsOrPlaces() {
        month();
        TopicsReport report = topics.report(NOVEMBER);
        Map<String, Long> hot = new HashMap<>();
        report.hotWords().forEach(word -> hot.put(word.word(), word.orders()));

        // 暖气 in the four Chinese heating orders; 冰凉 in three, twice in one of them; segmented, not split by spaces.
        assertThat(hot).containsEntry("暖气", 4L).containsEntry("冰凉", 3L).containsEntry("垃圾", 2L);
        assertThat(report.hotWords().get(0).word()).isEqualTo("暖气");
        assertThat(hot.keySet()).as("stop words, single characters, the orders' places")
                .doesNotContain("那个", "就是", "嗯", "了", "的", "家", "望京", "朝阳", "朝阳区", "双井", "小区", "in", "the");
        assertThat(hot.keySet()).as("the category label the draft put in the summary is not what callers said")
                .doesNotContain("供热", "城市管理", "环境卫生", "垃圾清运");
        assertThat(report.categories().get(0).words()).extracting(TopicsReport.WordCount::word)
                .startsWith("暖气").contains("冰凉");
    }

    @Test
    void aSeatsCorrectionCountsAndTheSummaryASeatWroteGivesWords() {
        Map<String, DraftOrder> drafted = month();
        orders.store.update(drafted.get("noise").orderId(), Map.of("category", "city-management", "subCategory", "",
                "summary", "夜间施工扰民 渣土车"), "seat-1");
        orders.store.update(drafted.get("unclassified").orderId(), Map.of("summary", "咨询渣土车夜间施工"), "seat-1");

        TopicsReport report = topics.report(NOVEMBER);

        assertThat(report.categories()).extracting(TopicsReport.CategoryTopic::category)
                .containsExactly("heating", "city-management");
        assertThat(report.categories().get(1).count()).isEqualTo(3);
        assertThat(report.categories().get(1).districts()).contains(new TopicsReport.PlaceCount("丰台区", "", 1));
        assertThat(report.hotWords()).contains(new TopicsReport.WordCount("渣土", 2));
    }

    @Test
    void stopWordsAndLimitsComeFromTopicsYamlWithFileAndLineOnAProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("topics.yaml");
        Files.writeString(file, "top:\n  words: 3\nmin-length: 2\nmin-orders: 1\nstop-words:\n  zh: [暖气, 冰凉]\n");
        TopicWords words = TopicWords.load(file);
        assertThat(words.words("嗯 暖气 不 热 摸 着 冰凉 电梯 坏 了", List.of())).doesNotContain("暖气", "冰凉")
                .contains("电梯");
        assertThat(words.words("uh the elevator is broken the elevator", List.of()))
                .as("other text: lower-case words as said, not stems").contains("elevator", "broken");
        HotTopics configured = new HotTopics(orders.store, OrderRules.load(OrderRulesTest.CONFIG).taxonomy(), words,
                BEIJING, Clock.systemUTC());
        month();
        TopicsReport report = configured.report(NOVEMBER);
        assertThat(report.hotWords()).hasSize(3).extracting(TopicsReport.WordCount::word).doesNotContain("暖气", "冰凉");

        Files.writeString(file, "top:\n  words: many\nstop-words:\n  zh: [\"\"]\n");
        assertThatThrownBy(() -> TopicWords.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2 top.words").hasMessageContaining("whole number")
                .hasMessageContaining(file + ":4 stop-words.zh.0");
    }

    @Test
    void theCommandPrintsTextJsonAndCsv(@TempDir Path dir) throws Exception {
        month();
        Path config = dir.resolve("ivr.yaml");
        Files.writeString(config, "paths:\n  orderRules: " + OrderRulesTest.CONFIG.toAbsolutePath() + "\n");

        StringWriter text = new StringWriter();
        assertThat(run(config, text, "--month", "2026-11")).isZero();
        assertThat(text.toString()).contains("Hot topics 2026-11 (Asia/Shanghai): 9 orders (2026-10: 5), 1 unclassified")
                .contains(" 1. 供热 (heating)  5  [2026-10: 2, +3, +150.0%]").contains("朝阳区 4")
                .contains("Hot words: 暖气 4");

        StringWriter json = new StringWriter();
        assertThat(run(config, json, "--month", "2026-11", "--json")).isZero();
        JsonNode report = JSON.readTree(json.toString());
        assertThat(report.get("orders").asLong()).isEqualTo(9);
        assertThat(report.get("categories").get(0).get("changeRate").asDouble()).isEqualTo(1.5);

        StringWriter csv = new StringWriter();
        assertThat(run(config, csv, "--month", "2026-11", "--csv")).isZero();
        List<String> rows = csv.toString().lines().toList();
        assertThat(rows.get(0)).isEqualTo("month,section,rank,category,name,district,street,word,count,previous,change");
        assertThat(rows).contains("2026-11,category,1,heating,供热,,,,5,2,3", "2026-11,word,1,,,,,暖气,4,,");

        StringWriter bad = new StringWriter();
        assertThat(run(config, bad, "--month", "2026-13")).isEqualTo(2);
    }

    private static int run(Path config, StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new TopicsCommand());
        ((TopicsCommand) cli.getCommand()).env = redis.environment();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    @Test
    void supervisorsReadItOverHttpOthersDoNot() throws Exception {
        month();
        HttpResponse<String> ok = get("/api/reports/topics?month=2026-11", SUPERVISOR);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("categories").get(0).get("category").asText()).isEqualTo("heating");
        assertThat(get("/api/reports/topics?month=2026-11", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/reports/topics?month=2026-11", SEAT).statusCode()).isEqualTo(403);
        HttpResponse<String> bad = get("/api/reports/topics?month=november", SUPERVISOR);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("month");
    }

    private HttpResponse<String> get(String path, ApiTokens.Issued token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token.token());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
