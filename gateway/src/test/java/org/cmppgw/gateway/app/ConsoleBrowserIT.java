package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.IsmgServer;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 in a real browser: Debian's chromium, headless, driven through its chromedriver against a real gateway on
 * H2 and the simulated ISMG. The operator logs in, approves a template an app created (the app is called back), finds
 * the message the app then sent in the search, and sees its report; sends a test SMS from that template, finds it in
 * the search and sees its report (the app is called back); the channels page shows the provider up, and down
 * once the ISMG stops, refreshed by htmx without a reload; no page scrolls sideways at a phone's width. On a
 * failure the page is saved as a screenshot under target/console-screenshots/. Chromium missing is a failure, not a
 * skip: .ci/run installs it.
 */
final class ConsoleBrowserIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anOperatorApprovesATemplateAndFollowsTheMessageToItsReport() {
        assertThat(ConsoleBrowser.CHROMIUM).as("chromium (apt-get install chromium chromium-driver)").isExecutable();
        assertThat(ConsoleBrowser.CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        try (IsmgServer ismg = IsmgServer.start(IsmgConfig.defaults().withPort(0), Clock.systemUTC(),
                 new SimpleMeterRegistry());
             CallbackSink sink = CallbackSink.start();
             Gateway gateway = Gateway.start(E2e.config(E2e.overrides(ismg.port(), E2e.h2Url(dir), "sa", "",
                 sink.uri()), "review.autoApprove=false"), Clock.systemUTC())) {
            URI api = URI.create("http://127.0.0.1:" + gateway.apiAddress().getPort());
            String console = "http://127.0.0.1:" + gateway.managementAddress().getPort() + "/console/";
            HttpResponse<String> created = E2e.json(api.resolve("/v1/templates"), "POST", E2e.APP_KEY,
                E2e.MASTER_SECRET, "{\"temp_id\":0,\"template\":\"Parcel {{parcel}} is on its way\",\"type\":2}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            long tempId = E2e.read(created.body()).path("temp_id").asLong();

            WebDriver browser = ConsoleBrowser.chromium(dir.resolve("chromium-profile"));
            try {
                browse(browser, console, sink, api, tempId, ismg);
            } catch (RuntimeException | AssertionError e) {
                ConsoleBrowser.screenshot(browser, "console-failure");
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    private static void browse(WebDriver browser, String console, CallbackSink sink, URI api, long tempId,
                               IsmgServer ismg) {
        WebDriverWait wait = new WebDriverWait(browser, E2e.TIMEOUT);
        browser.get(console + "templates");
        wait.until(ExpectedConditions.urlContains("/console/login"));
        browser.findElement(By.id("name")).sendKeys("demo-operator");
        // the keyboard alone: Enter in the password field submits the form
        browser.findElement(By.id("password")).sendKeys("demo-operator-password", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/console/apps"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("demo-app-key")
            .doesNotContain(E2e.MASTER_SECRET);

        browser.findElement(By.linkText("Templates")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve-" + tempId))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
            "#" + tempId + " approved"));
        Await.until("SMS_TEMPLATE callback", E2e.TIMEOUT, () -> !sink.reviews().isEmpty(), sink::reviews);
        Map.Entry<String, JsonNode> review = sink.reviews().get(0);
        assertThat(review.getKey()).isEqualTo("SMS_TEMPLATE");
        assertThat(review.getValue().path("tempId").asLong()).isEqualTo(tempId);

        HttpResponse<String> sent = E2e.json(api.resolve("/v1/messages"), "POST", E2e.APP_KEY, E2e.MASTER_SECRET,
            "{\"mobile\":\"13900139000\",\"temp_id\":" + tempId + ",\"sign_id\":1,\"temp_para\":{\"parcel\":\"P-9\"}}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        String msgId = E2e.read(sent.body()).path("msg_id").asText();
        Await.until("SMS_REPORT of the message", E2e.TIMEOUT, () -> sink.reports().containsKey(msgId),
            sink::reports);

        browser.findElement(By.linkText("Messages")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mobile"))).sendKeys("13900139000");
        browser.findElement(By.id("status")).sendKeys("delivered");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(msgId))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "DELIVERED"));
        assertThat(browser.findElement(By.id("stat")).getText()).isEqualTo("DELIVRD");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Parcel P-9 is on its way");

        testSms(browser, wait, sink, tempId);

        browser.findElement(By.linkText("Channels")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#channels td.up"), "up"));
        // the carrier goes away: the table, polled by htmx, shows the provider down without a reload
        ((JavascriptExecutor) browser).executeScript("document.body.setAttribute('data-loaded', 'once')");
        ismg.close();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#channels td.down"), "down"));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-loaded")).as("no reload")
            .isEqualTo("once");

        // a phone's width: wide tables scroll inside their box, the page itself never scrolls sideways
        browser.manage().window().setSize(new Dimension(375, 800));
        for (String page : List.of("apps", "apps/demo-app-key", "templates?status=approved", "messages",
            "messages/" + msgId, "channels", "send", "templates/" + tempId + "?preview=1&variables=parcel%3DP-1",
            "schedules", "balances", "users", "policies")) {
            browser.get(console + page);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
            Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).as(page + " at 375 px").isLessThanOrEqualTo(0);
        }
    }

    /**
     * The operator sends a test SMS from the approved template with the keyboard, follows the msg_id the form shows,
     * finds the message in the search and sees its report; the app is called back as for any send.
     */
    private static void testSms(WebDriver browser, WebDriverWait wait, CallbackSink sink, long tempId) {
        browser.findElement(By.linkText("Test SMS")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("temp_id"))).sendKeys(String.valueOf(tempId));
        browser.findElement(By.id("sign_id")).sendKeys("1");
        browser.findElement(By.id("mobile")).sendKeys("13900139001");
        browser.findElement(By.id("variables")).sendKeys("parcel=P-10");
        browser.findElement(By.id("send")).sendKeys(Keys.ENTER);
        String msgId = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sent"))).getText();
        Await.until("SMS_REPORT of the test SMS", E2e.TIMEOUT, () -> sink.reports().containsKey(msgId),
            sink::reports);
        assertThat(sink.reports().get(msgId).first().path("stat").asText()).isEqualTo("DELIVRD");

        browser.findElement(By.linkText("Messages")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mobile"))).sendKeys("13900139001");
        browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(msgId))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "DELIVERED"));
        assertThat(browser.findElement(By.id("stat")).getText()).isEqualTo("DELIVRD");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Parcel P-10 is on its way");
        // The app acknowledged the callback; the store records it just after, so the page may need a reload.
        Await.until("the detail shows the report callback acknowledged", E2e.TIMEOUT, () -> {
            browser.navigate().refresh();
            return !browser.findElements(By.cssSelector("#delivered tbody tr")).isEmpty();
        });
        assertThat(browser.findElement(By.cssSelector("#delivered tbody tr")).getText()).startsWith("SMS_REPORT")
            .endsWith(" 1");
    }
}
