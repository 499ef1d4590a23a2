package org.quantstream.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Selenium (Debian's {@code chromium} and {@code chromedriver};
 * {@code -Dquant.chromium} and {@code -Dquant.chromedriver} point elsewhere), offline, with its own
 * profile and download directory; closing it quits the browser and removes both.
 */
final class Browser implements AutoCloseable {
    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    Browser() throws Exception {
        profile = Files.createTempDirectory("quant-browser-profile");
        downloads = Files.createTempDirectory("quant-browser-downloads");
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getProperty("quant.chromium", "/usr/bin/chromium"));
        o.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=1400,1100",
                "--user-data-dir=" + profile);
        o.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(
                                Path.of(
                                                System.getProperty(
                                                        "quant.chromedriver",
                                                        "/usr/bin/chromedriver"))
                                        .toFile())
                        .build();
        driver = new ChromeDriver(service, o);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits up to {@code seconds} until the condition holds. */
    void await(int seconds, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(seconds))
                    .until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            String text = driver.findElement(By.tagName("body")).getText();
            try {
                screenshot("browser-timeout.png");
            } catch (Exception ignored) {
                // the message below says enough
            }
            throw new AssertionError(
                    "waited "
                            + seconds
                            + " s in vain; the page says:\n"
                            + text.substring(0, Math.min(3000, text.length()))
                            + "\nscript errors: "
                            + scriptErrors(),
                    e);
        }
    }

    /** Clears an input and types into it, as a person does. */
    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Runs a script in the page and returns its value (what a person reads off a chart). */
    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** The page's script errors (collected by the page in {@code window.__errors}). */
    @SuppressWarnings("unchecked")
    List<Object> scriptErrors() {
        return (List<Object>)
                ((JavascriptExecutor) driver).executeScript("return window.__errors;");
    }

    /** Saves a screenshot of the window into {@code target/}. */
    Path screenshot(String name) throws Exception {
        Path out = Path.of("target", name).toAbsolutePath();
        Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return out;
    }

    /** Waits for a downloaded file to be complete and returns it. */
    Path downloaded(String name, int seconds) {
        Path f = downloads.resolve(name);
        await(
                seconds,
                () -> Files.exists(f) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return f;
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            DemoCommand.deleteTree(profile);
            DemoCommand.deleteTree(downloads);
        }
    }
}
