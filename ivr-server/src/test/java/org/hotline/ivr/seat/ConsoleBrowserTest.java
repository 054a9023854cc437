package org.hotline.ivr.seat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.hotline.ivr.seat.standin.StandInOrders;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium through chromedriver): log in, go ready, a
 * simulated call runs the stand-in 12345 script over FastAGI and is queued to the seat, the pop shows the
 * transcript and draft, the operator edits (surviving a reload), submits, and the order is submitted in Redis
 * with the seat's id. Also the wallboard. Screenshots go to {@code target/screenshots/}.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String CALLER = "13800138000";
    private static final String SAID = "我家楼下的垃圾站三天没人清运了，臭气熏天，在朝阳区双井街道富力城小区。";

    @TempDir
    Path dir;
    ConsoleTestServer node;
    SimClient phone;
    WebDriver browser;
    WebDriverWait wait;
    StandInOrders orders;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        node = ConsoleTestServer.start(dir, Duration.ofSeconds(30), Map.of());
        phone = new SimClient("127.0.0.1", node.server().agiPort(), true);
        orders = new StandInOrders(node.server().redis(), Clock.systemUTC());
        browser = chromium(dir.resolve("chrome-profile"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (phone != null) {
            phone.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private static WebDriver chromium(Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=zh-CN");
        return new ChromeDriver(service, options);
    }

    @Test
    void operatorReceivesTheCallEditsTheDraftAndSubmitsIt() throws Exception {
        seedHistory();
        browser.get(node.base() + "/console/");
        logIn("1001", "demo1001");
        click("btn-ready");
        wait.until(ExpectedConditions.textToBe(By.id("state-badge"), "就绪"));

        phone.call(CallScenario.of("browser-1", "console-demo", CALLER).promptDuration(Duration.ofMillis(100)).press("1")
                .variable("DEMO_DESCRIPTION", SAID).variable("DEMO_TALK_SECONDS", "120"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pop")));
        wait.until(ExpectedConditions.textToBe(By.id("transcript-final"), SAID));
        assertThat(text("call-number")).isEqualTo("138****8000");
        assertThat(text("call-menu")).contains("城市管理");
        assertThat(new Select(element("order-category")).getFirstSelectedOption().getAttribute("value")).isEqualTo("city-management/garbage");
        assertThat(element("earlier").findElements(By.tagName("li"))).hasSize(2);
        String orderId = text("order-id");
        screenshot("console-screen-pop");

        new Select(element("order-category")).selectByValue("city-management");
        element("order-location").sendKeys("北京市朝阳区双井街道");
        element("order-summary").sendKeys(" 请尽快处理。");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pop")));
        wait.until(ExpectedConditions.textToBePresentInElementValue(By.id("order-summary"), "请尽快处理。"));
        assertThat(new Select(element("order-category")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("city-management");

        click("btn-submit");
        wait.until(ExpectedConditions.textToBe(By.id("order-status"), "已提交"));
        DraftOrder stored = orders.find(orderId).orElseThrow();
        assertThat(stored.status()).isEqualTo("submitted");
        assertThat(stored.editedBy()).isEqualTo("1001");
        assertThat(stored.category()).isEqualTo("city-management");
        assertThat(stored.summary()).endsWith("请尽快处理。");
        screenshot("console-submitted");

        click("btn-lang");
        wait.until(ExpectedConditions.textToBe(By.id("btn-submit"), "Submit order"));
        screenshot("console-english");
    }

    @Test
    void transcriptMarkupIsShownAsTextAndNeverRuns() throws Exception {
        browser.get(node.base() + "/console/");
        logIn("1002", "demo1002");
        click("btn-ready");
        String hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>垃圾";
        phone.call(CallScenario.of("browser-2", "console-demo", "13900139000").promptDuration(Duration.ofMillis(100))
                .press("2").variable("DEMO_DESCRIPTION", hostile).variable("DEMO_TALK_SECONDS", "120"));
        wait.until(ExpectedConditions.textToBe(By.id("transcript-final"), hostile));
        assertThat(element("transcript").findElements(By.cssSelector("img, script"))).isEmpty();
        assertThat(element("order-summary").getAttribute("value")).isEqualTo(hostile);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void supervisorSeesTheWallboard() throws Exception {
        seedHistory();
        ConsoleClient seat = new ConsoleClient(node.base()).loggedInSeat("1002");
        seat.send("POST", "/console/api/state", "{\"state\":\"paused\",\"reason\":\"meal\"}");
        new ConsoleClient(node.base()).loggedInSeat("1003");
        for (int i = 0; i < 3; i++) {
            phone.call(CallScenario.of("waiting-" + i, "console-demo", "1370013700" + i).promptDuration(Duration.ofMillis(100))
                    .press("2").variable("DEMO_DESCRIPTION", "路口红绿灯坏了").variable("DEMO_TALK_SECONDS", "60"));
        }
        browser.get(node.base() + "/wallboard/");
        logIn("9001", "demo9001");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("board")));
        wait.until(d -> text("submitted").equals("7"));
        wait.until(d -> d.findElement(By.cssSelector("#queues .tile-value")).getText().equals("3"));
        assertThat(element("top").findElements(By.tagName("li"))).hasSize(4);
        assertThat(text("top")).contains("垃圾清运");
        screenshot("wallboard");
    }

    @Test
    void afterAServerRestartThePageReconnectsAndKeepsUnsavedEdits(@TempDir Path second) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (org.hotline.ivr.redis.EmbeddedRedis redis = org.hotline.ivr.redis.EmbeddedRedis.start(second.resolve("redis"))) {
            Map<String, String> env = Map.of("IVR_REDIS_URL", redis.url(), "IVR_HTTP_PORT", Integer.toString(port));
            ConsoleTestServer before = ConsoleTestServer.start(second.resolve("a"), Duration.ofMinutes(5), env);
            try (SimClient caller = new SimClient("127.0.0.1", before.server().agiPort(), true)) {
                browser.get(before.base() + "/console/");
                logIn("1003", "demo1003");
                click("btn-ready");
                caller.call(CallScenario.of("restart-1", "console-demo", CALLER).promptDuration(Duration.ofMillis(100))
                        .press("1").variable("DEMO_DESCRIPTION", SAID).variable("DEMO_TALK_SECONDS", "120"));
                wait.until(ExpectedConditions.textToBe(By.id("transcript-final"), SAID));
                element("order-summary").sendKeys(" 未保存的修改");
                before.close();
                wait.until(ExpectedConditions.attributeContains(By.id("conn"), "class", "reconnecting"));
            }
            try (ConsoleTestServer after = ConsoleTestServer.start(second.resolve("b"), Duration.ofMinutes(5), env)) {
                wait.until(ExpectedConditions.attributeContains(By.id("conn"), "class", "connected"));
                assertThat(after.server().httpPort()).isEqualTo(port);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pop")));
                assertThat(element("order-summary").getAttribute("value")).endsWith("未保存的修改");
                assertThat(text("transcript-final")).isEqualTo(SAID);
            }
        }
    }

    /** Earlier orders of the caller, and a day's submitted orders for the wallboard. */
    private void seedHistory() {
        String[][] done = {
                {"city-management/garbage", CALLER, "小区垃圾分类桶破损"}, {"city-management/garbage", "13500135001", "垃圾站异味"},
                {"city-management/garbage", "13500135002", "垃圾满溢"}, {"noise", CALLER, "夜间施工噪音扰民"},
                {"noise", "13500135003", "广场舞音响太吵"}, {"traffic", "13500135004", "公交站牌损坏"},
                {"city-management", "13500135005", "占道经营"}};
        for (String[] order : done) {
            OrderEdit edit = new OrderEdit(order[0], "北京市朝阳区", "normal", order[2]);
            String id = orders.draft("old-" + order[1] + order[0], order[1], edit);
            orders.submit(id, edit, "1004");
        }
    }

    private void logIn(String id, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-id"))).sendKeys(id);
        element("login-password").sendKeys(password);
        click("login-submit");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("login")));
    }

    private WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String id) {
        return element(id).getText();
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
