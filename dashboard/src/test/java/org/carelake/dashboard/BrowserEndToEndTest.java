package org.carelake.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian's chromium and chromium-driver; ./carelake test installs them):
 * log in, work the worklist, open a patient, be denied another panel's patient, see the cohorts' trend. Screenshots
 * go to target/browser-screenshots/ as the test's artifacts.
 */
class BrowserEndToEndTest {
  private static final Path DRIVER = Path.of(System.getProperty("carelake.chromedriver", "/usr/bin/chromedriver"));
  private static final Path BROWSER = Path.of(System.getProperty("carelake.chromium", "/usr/bin/chromium"));
  private static final Path SHOTS = Path.of("target", "browser-screenshots");

  private static void shot(WebDriver d, String name) throws IOException {
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void careManagerLogsInWorksTheWorklistOpensAPatientAndIsDeniedAnotherPanel() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(DRIVER) && Files.isExecutable(BROWSER),
        "browser test skipped: " + DRIVER + " or " + BROWSER + " is missing (apt-get install chromium "
            + "chromium-driver; ./carelake test does this when apt-get is available)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    // The server's certificate is self-signed by design; --no-sandbox because tests run as root in CI.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors",
        "--window-size=1400,1000", "--disable-gpu");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    try (TestServer server = new TestServer(DashboardFixture.lakehouse())) {
      WebDriver d = new ChromeDriver(service, options);
      try {
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(120));
        d.get(server.base() + "/login");
        d.findElement(By.id("user")).sendKeys("carol");
        d.findElement(By.id("password")).sendKeys(DashboardFixture.PASSWORD);
        d.findElement(By.id("login")).click();
        wait.until(x -> x.getTitle().startsWith("Care-gap worklist"));
        String table = d.findElement(By.id("worklist")).getText();
        assertTrue(table.contains("Ada Lovelace") && table.contains("Alan Turing"), table);
        assertFalse(table.contains("Hopper"), "another organization's patient is not listed");
        shot(d, "1-worklist");

        By row = By.xpath("//tr[@data-person='p1'][td[4][normalize-space()='CMS125']]");
        new Select(d.findElement(row).findElement(By.name("status"))).selectByVisibleText("contacted");
        d.findElement(row).findElement(By.tagName("button")).click();
        wait.until(x -> new Select(x.findElement(row).findElement(By.name("status"))).getFirstSelectedOption()
            .getText().equals("contacted"));
        shot(d, "2-outreach-saved");

        d.findElement(row).findElement(By.linkText("Ada Lovelace")).click();
        wait.until(x -> x.getTitle().startsWith("Patient 360"));
        wait.until(x -> "drawn".equals(x.findElement(By.tagName("html")).getAttribute("data-charts")));
        assertTrue(d.findElement(By.id("medications")).getText().contains("Metformin"));
        assertTrue(d.findElement(By.id("gaps")).getText().contains("HbA1c 10.1 %"), "gap evidence is shown");
        WebElement canvas = d.findElement(By.cssSelector("#lab-charts canvas"));
        assertTrue(canvas.getSize().getWidth() > 100, "the lab trend chart is drawn");
        assertTrue(d.findElement(By.cssSelector("#timeline-chart canvas")).getSize().getWidth() > 100,
            "the timeline chart is drawn");
        assertTrue(d.findElement(By.id("identity")).getText().contains("L-77"), "the linked source record");
        shot(d, "3-patient-360");

        Object status = ((JavascriptExecutor) d).executeAsyncScript("var done = arguments[arguments.length - 1];"
            + "fetch('/patient/p3', {credentials: 'same-origin'}).then(function (r) { done(r.status); });");
        assertEquals(403L, status, "another panel's patient by URL");
        d.get(server.base() + "/patient/p3");
        assertTrue(d.getPageSource().contains("not on your panel"));
        assertFalse(d.getPageSource().contains("Hopper"));
        shot(d, "4-denied");

        d.get(server.base() + "/overview");
        wait.until(x -> "drawn".equals(x.findElement(By.tagName("html")).getAttribute("data-charts")));
        assertTrue(d.findElement(By.id("rate-table")).getText().contains("CMS122"));
        shot(d, "5-overview");

        d.findElement(By.linkText("Cohorts")).click();
        wait.until(x -> x.getTitle().startsWith("Cohorts"));
        wait.until(x -> "drawn".equals(x.findElement(By.tagName("html")).getAttribute("data-charts")));
        assertTrue(d.findElement(By.cssSelector("#cohort-chart canvas")).getSize().getWidth() > 100,
            "the membership trend is drawn");
        shot(d, "6-cohorts");
      } catch (RuntimeException | AssertionError e) {
        shot(d, "failure");
        System.err.println("browser test failed on " + d.getCurrentUrl() + " titled " + d.getTitle());
        throw e;
      } finally {
        d.quit();
      }
    }
  }
}
