package io.orderhub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderhub.canonical.OrderIds;
import io.orderhub.store.ErrorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operations console as a person uses it: headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs) logs in with the form and drives /console/ on the running hub. Without a browser on the machine
 * these tests are skipped, and say so.
 */
class ConsoleBrowserTest extends HubTestSupport {

    private static final Path CHROMIUM = Path.of(System.getProperty("hub.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("hub.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENS = Path.of("target", "console-screens");

    @LocalServerPort
    int port;
    @Autowired
    ErrorStore errors;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.out.println("ConsoleBrowserTest SKIPPED: no " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver, as .ci/run does)");
        }
        assumeTrue(present, "no Chromium at " + CHROMIUM + " with " + CHROMEDRIVER + ": browser tests skipped");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // the flags a closed network needs (no background connections) and a fresh profile each time
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1100",
                "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SCREENS);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorFindsAnOrderAndSeesItsLifecycleDeliveriesAndRawPayload() throws IOException {
        long id = 7_900_000_001L;
        post("/api/channels/shopify/orders", ownCustomerOrder(id));
        String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(orderId).stream()
                .anyMatch(d -> d.path("destination").asText().equals("wms")
                        && d.path("status").asText().equals("DELIVERED")));

        logIn("ops", "ops-sandbox");
        open("#/orders");
        type("f-q", String.valueOf(id));
        browser.findElement(By.id("search")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#orders a.order-link"), 1));
        assertThat(text("total")).startsWith("1 found");
        browser.findElement(By.cssSelector("#orders a.order-link")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li")));
        assertThat(text("order-summary")).contains(orderId).contains(String.valueOf(id));
        assertThat(text("timeline")).contains("CONFIRMED").contains("shopify");
        assertThat(text("deliveries")).contains("wms").contains("DELIVERED");
        browser.findElement(By.id("show-raw")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("raw"), String.valueOf(id)));
        screenshot("order-page");
        System.out.println("Console order page: " + text("order-summary").replace("\n", " ") + " | timeline: "
                + text("timeline").replace("\n", " ") + " | deliveries: " + text("deliveries").replace("\n", " "));

        // a viewer finds the same order, masked, and is not shown the raw payload
        logIn("viewer", "viewer-sandbox");
        open("#/order/" + orderId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li")));
        assertThat(browser.findElements(By.cssSelector("#deliveries button.retry"))).isEmpty();
        browser.findElement(By.id("show-raw")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("raw"), "only an operator"));
    }

    @Test
    void ordersRefusedByABrokenMappingAreReplayedAsOneGroupOnceTheMappingIsMended() throws IOException {
        Path mapping = mappings.resolve("shopify").resolve("to-canonical.jsonata");
        String good = Files.readString(mapping, StandardCharsets.UTF_8);
        List<Long> ids = List.of(7_900_000_011L, 7_900_000_012L, 7_900_000_013L);
        List<String> errorIds;
        try {
            // a team's mistake, deployed: the totals block renamed, so every Shopify order fails the canonical schema
            Files.writeString(mapping, good.replaceFirst("\"totals\":", "\"total\":"), StandardCharsets.UTF_8);
            reloadMappings();
            errorIds = ids.stream().map(id -> {
                ResponseEntity<JsonNode> refused = post("/api/channels/shopify/orders", ownCustomerOrder(id));
                assertThat(refused.getStatusCode().value()).isEqualTo(422);
                return refused.getBody().path("errorId").asText();
            }).toList();
        } finally {
            Files.writeString(mapping, good, StandardCharsets.UTF_8); // mended, and read again
            reloadMappings();
        }

        logIn("ops", "ops-sandbox");
        open("#/errors?state=OPEN&channel=shopify&group=1");
        WebElement cause = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//table[@id='causes']//tr[td[contains(., \"required property 'totals' not found\")]]")));
        assertThat(cause.getText()).contains("shopify").contains("validate");
        screenshot("errors-by-cause");
        System.out.println("Console error causes: " + text("causes").replace("\n", " | "));
        cause.findElement(By.cssSelector("button.replay-group")).click();

        WebElement job = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs .job")));
        wait.until(ExpectedConditions.textToBePresentInElement(job, "DONE"));
        // the whole group: ours, and any order a poll's overlap read again while the mapping was broken
        Matcher counts = Pattern.compile("(\\d+) of (\\d+) done, 0 left \\((\\d+) succeeded, 0 failed\\)")
                .matcher(job.getText());
        assertThat(counts.find()).as(job.getText()).isTrue();
        assertThat(Integer.parseInt(counts.group(1))).isGreaterThanOrEqualTo(errorIds.size())
                .isEqualTo(Integer.parseInt(counts.group(2))).isEqualTo(Integer.parseInt(counts.group(3)));
        screenshot("errors-replayed");
        System.out.println("Console job: " + job.getText());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(get("/api/errors/" + errorIds.get(i)).getBody().path("replayState").asText()).isEqualTo("REPLAYED");
            String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(ids.get(i)));
            assertThat(order(orderId).path("totals").path("grandTotal").isMissingNode()).isFalse();
        }

        // one that is not to be taken is discarded with a reason, kept with who and why
        String other = errors.record("shopify", ACCOUNT, "poll", "map", "mapping failed: a test order", "{}");
        open("#/error/" + other);
        type("discard-reason", "a test order of the merchant");
        browser.findElement(By.id("discard")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error-summary"), "DISCARDED"));
        assertThat(text("error-summary")).contains("discarded by ops: a test order of the merchant");
    }

    @Test
    void aDeadDeliveryIsRetriedFromTheConsoleAndDeliveredOnce() throws IOException {
        wms.setReportProgress(false);
        wms.setAnswer(422);
        long id = 7_900_000_021L;
        String orderId = OrderIds.orderId("shopify", ACCOUNT, String.valueOf(id));
        try {
            post("/api/channels/shopify/orders", ownCustomerOrder(id));
            await().atMost(Duration.ofSeconds(20)).until(() -> wmsDelivery(orderId).path("status").asText().equals("DEAD"));
        } finally {
            wms.setAnswer(null);
        }
        String key = wmsDelivery(orderId).path("key").asText();

        logIn("ops", "ops-sandbox");
        open("#/deliveries?status=DEAD&destination=wms");
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#delivery-list tr[data-key='" + key + "']")));
        assertThat(row.getText()).contains("DEAD").contains("refused with 422");
        screenshot("dead-deliveries");
        System.out.println("Console dead delivery: " + row.getText());
        row.findElement(By.cssSelector("button.retry")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "is sent again"));
        await().atMost(Duration.ofSeconds(30)).until(() -> wmsDelivery(orderId).path("status").asText().equals("DELIVERED"));
        assertThat(wms.receivedKeys().stream().filter(key::equals)).hasSize(1);
        open("#/order/" + orderId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries"), "DELIVERED"));
        screenshot("retried-delivery");
        wms.setReportProgress(true);
    }

    @Test
    void theKpiPageShowsChartsAndEachChannelsSyncState() throws IOException {
        logIn("viewer", "viewer-sandbox");
        open("#/kpis");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sync tr[data-channel='shopify']")));
        assertThat(browser.findElements(By.cssSelector("#kpis .card svg polyline"))).hasSize(8);
        assertThat(text("sync")).contains("shopify").contains("amazon").contains("polled").contains(" ok");
        screenshot("kpis");
        System.out.println("Console KPIs: " + text("kpis").replace("\n", " | "));
    }

    private void reloadMappings() {
        assertThat(as("admin:admin-sandbox").postForEntity("/api/mappings/reload", null, JsonNode.class)
                .getBody().path("mappings").asInt()).isPositive();
    }

    /** A Shopify order of its own customer, so the screening's velocity rule does not hold it. */
    private static String ownCustomerOrder(long id) {
        return shopifyOrder("order-basic.json", id).replace("dana.whitfield@example.com", "console-" + id + "@example.com");
    }

    private void logIn(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/console/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        type("username", user);
        type("password", password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), user + " ("));
    }

    /** Opens a page of the console and waits until it is drawn (console.js marks the view when it is). */
    private void open(String hash) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('view').removeAttribute('data-ready')");
        browser.get("http://localhost:" + port + "/console/" + hash);
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("view")), "data-ready"));
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private List<JsonNode> deliveries(String orderId) {
        return StreamSupport.stream(get("/api/orders/" + orderId + "/deliveries").getBody().spliterator(), false).toList();
    }

    private JsonNode wmsDelivery(String orderId) {
        return deliveries(orderId).stream().filter(d -> d.path("destination").asText().equals("wms")).findFirst()
                .orElse(json.createObjectNode());
    }
}
