package org.cmppgw.gateway.app;

import org.cmppgw.simulator.ismg.ReportConfig;
import org.cmppgw.simulator.ismg.ReportDelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's statistics page in a real browser (Debian's chromium, headless, as in ConsoleBrowserIT): after messages
 * went through the simulated ISMG and the gateway's rollup counted them, the page shows the table, and Chart.js draws
 * the funnel from the page's JSON with the same numbers; the form works from the keyboard; at a phone's width the
 * charts are drawn and the page does not scroll sideways. On a failure the page is saved under
 * target/console-screenshots/.
 */
final class ConsoleStatsBrowserIT {
    private static final int MESSAGES = 12;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theStatisticsPageDrawsItsChartsFromTheTablesNumbers() {
        assertThat(ConsoleBrowser.CHROMIUM).as("chromium (apt-get install chromium chromium-driver)").isExecutable();
        assertThat(ConsoleBrowser.CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        ReportConfig mixed = new ReportConfig(ReportDelay.fixed(0), Map.of("DELIVRD", 3, "UNDELIV", 1));
        try (ConsoleStatsSeed seed = ConsoleStatsSeed.send(dir, mixed, 13900000000L, MESSAGES)) {
            long delivered = seed.reported("DELIVRD");
            Gateway gateway = seed.gateway();

            WebDriver browser = ConsoleBrowser.chromium(dir.resolve("chromium-profile"));
            try {
                browse(browser, "http://127.0.0.1:" + gateway.managementAddress().getPort() + "/console/", delivered);
            } catch (RuntimeException | AssertionError e) {
                ConsoleBrowser.screenshot(browser, "console-stats-failure");
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    private static void browse(WebDriver browser, String console, long delivered) {
        WebDriverWait wait = new WebDriverWait(browser, E2e.TIMEOUT);
        browser.get(console + "stats");
        wait.until(ExpectedConditions.urlContains("/console/login"));
        browser.findElement(By.id("name")).sendKeys("demo-operator");
        browser.findElement(By.id("password")).sendKeys("demo-operator-password", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/console/apps"));

        browser.findElement(By.linkText("Statistics")).click();
        // the rollup runs every 200 ms here: reload until it has counted every report
        wait.until(b -> {
            b.navigate().refresh();
            List<WebElement> failed = b.findElements(By.id("total-failed"));
            List<WebElement> done = b.findElements(By.id("total-delivered"));
            return !done.isEmpty() && !failed.isEmpty() && Long.parseLong(done.get(0).getText())
                + Long.parseLong(failed.get(0).getText()) == MESSAGES;
        });
        assertThat(browser.findElement(By.id("total-accepted")).getText()).isEqualTo(String.valueOf(MESSAGES));
        assertThat(browser.findElement(By.id("total-delivered")).getText()).isEqualTo(String.valueOf(delivered));
        wait.until(ExpectedConditions.attributeToBe(By.id("charts"), "data-drawn", "true"));
        assertThat(funnel(browser)).as("the funnel chart's bars")
            .containsExactly((long) MESSAGES, (long) MESSAGES, delivered, MESSAGES - delivered, 0L);
        assertThat(browser.findElement(By.id("chart-funnel")).getSize().getWidth()).isPositive();
        List<WebElement> rows = browser.findElements(By.cssSelector("#stats-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(String.valueOf(MESSAGES), String.valueOf(delivered), "≤1s");

        // the keyboard alone: choose per hour and press Enter in the template field
        browser.findElement(By.id("period")).sendKeys("hour");
        browser.findElement(By.id("template")).sendKeys("1", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("period=hour"));
        wait.until(ExpectedConditions.attributeToBe(By.id("charts"), "data-drawn", "true"));
        assertThat(browser.findElement(By.id("total-accepted")).getText()).isEqualTo(String.valueOf(MESSAGES));
        assertThat(funnel(browser).get(0)).isEqualTo(MESSAGES);

        // a phone's width: the charts are drawn, the tables scroll in their boxes, the page never sideways
        browser.manage().window().setSize(new Dimension(375, 800));
        browser.get(console + "stats?group=provider");
        wait.until(ExpectedConditions.attributeToBe(By.id("charts"), "data-drawn", "true"));
        Object overflow = ((JavascriptExecutor) browser).executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("stats at 375 px").isLessThanOrEqualTo(0);
        assertThat(browser.findElement(By.id("chart-latency")).getSize().getWidth()).isBetween(1, 375);
    }

    /** The funnel chart's values, as Chart.js holds them. */
    @SuppressWarnings("unchecked")
    private static List<Long> funnel(WebDriver browser) {
        return (List<Long>) ((JavascriptExecutor) browser).executeScript(
            "return Chart.getChart('chart-funnel').data.datasets[0].data;");
    }
}
