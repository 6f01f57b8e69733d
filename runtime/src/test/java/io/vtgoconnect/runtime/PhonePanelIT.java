package io.vtgoconnect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.api.secret.PasswordHash;
import io.vtgoconnect.testing.peers.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The phone panel in a real browser (Debian's chromium, headless, through chromium-driver): a user
 * shows the window with ShowProgram, logs in, places and holds a call by clicking, watches its
 * quality, makes an agent ready, reads the event log, and HideProgram closes the page.
 */
class PhonePanelIT {
    private static final String USER = "panel";
    private static final String PASSWORD = "panel-password";
    /** Screenshots, kept as build artefacts. */
    private static final Path SHOTS = Vtgoconnect.HOME.resolve("target/panel-screenshots");
    /** Generous for a loaded machine: only a hang trips it. */
    /** Phones in the farm view's test; -Dpanel.farm=200 measures a larger farm view. */
    private static final int FARM = Integer.getInteger("panel.farm", 50);
    /** Generous for a loaded machine (a minute for each 50 phones of the farm): only a hang trips it. */
    private static final Duration WAIT = Duration.ofSeconds(60L * Math.max(1, FARM / 50));

    @TempDir
    Path directory;
    private PipedConsole console;
    private WebDriver browser;

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--enable-precise-memory-info");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The runtime's default phone and directory, with a user of the remote API. */
    private RuntimeEtc etc() {
        RuntimeEtc etc = RuntimeEtc.in(directory).withDefaults();
        etc.write("io.vtgoconnect.remote.user-panel.cfg", "name=" + USER, ".password=" + PasswordHash.of(PASSWORD));
        return etc;
    }

    /** The runtime started with the default phone running, once the console printed the line. */
    private RuntimeEtc runningPhone(String awaited) throws IOException, InterruptedException {
        RuntimeEtc etc = etc();
        console = new PipedConsole(directory);
        console.send("runprogram");
        console.awaitLine(awaited);
        return etc;
    }

    @Test
    void aCallPlacedHeldAndEndedByClickingThePanel() throws Exception {
        RuntimeEtc etc = runningPhone("Event : Connected to CallManager");
        console.send("showprogram");
        String shown = console.awaitLine("Softphone window shown at ");
        String address = shown.substring("Softphone window shown at ".length());
        assertEquals("http://127.0.0.1:" + etc.httpPort + "/panel/index.html?phone=SEP001122334455", address);

        browser = chromium();
        browser.get(address);
        logIn();
        awaitText(By.id("line-1"), "TsIdle");

        for (String digit : List.of("2", "0", "0", "4")) {
            browser.findElement(By.id("pad-" + digit)).click();
        }
        assertEquals("2004", browser.findElement(By.id("number")).getAttribute("value"));
        click(By.id("call"));
        awaitText(By.id("line-1"), "TsConnected");
        By timer = By.cssSelector("#calls .timer");
        String first = browser.findElement(timer).getText();
        assertTrue(first.matches("\\d\\d:\\d\\d"), first);
        until(driver -> !driver.findElement(timer).getText().equals(first));
        awaitText(By.cssSelector("#calls tbody tr"), "outgoing 2004 TsConnected");
        until(driver -> Integer.parseInt(driver.findElement(By.id("quality")).getAttribute("data-points")) >= 2);
        awaitText(By.id("quality-text"), "Codec G711u:20ms");
        screenshot("panel-call.png");

        click(By.id("softkey-hold"));
        awaitText(By.id("line-1"), "TsHold");
        click(By.id("softkey-resume"));
        awaitText(By.id("line-1"), "TsConnected");
        click(By.id("softkey-end-call"));
        awaitText(By.id("line-1"), "TsIdle");
        until(driver -> driver.findElements(By.cssSelector("#calls tbody tr")).isEmpty());

        // A refusal shows the manual's error line: no agent is logged in yet.
        click(By.cssSelector("[data-state=ready]"));
        awaitText(By.id("refusal"), "Error : ERROR_IPCC_CHANGE_STATE(");

        // The agent logs in at the phone's extension and is made ready.
        browser.findElement(By.id("agent-id")).sendKeys("agent21");
        browser.findElement(By.id("agent-extension")).sendKeys("2001");
        click(By.id("agent-login"));
        awaitText(By.id("agent-state"), "Not Ready");
        click(By.cssSelector("[data-state=ready]"));
        awaitText(By.id("agent-state"), "Ready");
        screenshot("panel-agent.png");

        // The event log: filtered, then copied as a transcript.
        click(By.id("view-log"));
        browser.findElement(By.id("log-filter")).sendKeys("TsHold");
        until(driver -> driver.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText).toList().size() == 1);
        awaitText(By.cssSelector("#log li"), "Event : LineUpdate, Line=1(2001), Button=1, State=8(TsHold)");
        click(By.id("log-copy"));
        awaitText(By.id("log-status"), "Copied 1 line.");
        assertTrue(browser.findElement(By.id("log-transcript")).getAttribute("value").contains("State=8(TsHold)"));
        browser.findElement(By.id("log-filter")).clear();
        screenshot("panel-log.png");

        printFigures("phone panel");

        console.send("hideprogram");
        console.awaitLine("Softphone window hidden: 1 page closed.");
        until(driver -> driver.findElement(By.id("closed")).isDisplayed());
        assertEquals("The softphone window was hidden (HideProgram). Run ShowProgram to show it again.",
                browser.findElement(By.id("closed-text")).getText());
        screenshot("panel-hidden.png");
    }

    @Test
    void aWrongPasswordIsRefusedAndThePanelStaysClosed() throws Exception {
        RuntimeEtc etc = runningPhone("Event : Connected to softphone");
        browser = chromium();
        browser.get("http://127.0.0.1:" + etc.httpPort + "/panel/index.html");
        browser.findElement(By.id("login-user")).sendKeys(USER);
        browser.findElement(By.id("login-password")).sendKeys("wrong");
        click(By.id("login-submit"));
        awaitText(By.id("connection"), "Error : ERROR_ACCESS_DENIED");
        assertTrue(browser.findElement(By.id("phone-view")).getAttribute("hidden") != null);
    }

    @Test
    void theFarmViewFollowsFiftyPhonesAndOpensOne() throws Exception {
        RuntimeEtc etc = etc();
        etc.write("io.vtgoconnect.farm-panel.cfg", "count=" + FARM, "name=farm{n}", "line.first=3000",
                "registrar=127.0.0.1:" + etc.sipPort, "sip.port.first=" + freeSipPorts(FARM), "keepalive.interval=0",
                "rtp.port.min=17000", "rtp.port.max=17999");
        console = new PipedConsole(directory);
        console.send("phones");
        console.await("farm" + FARM + " listed", line -> line.startsWith("  farm" + FARM + " "), WAIT);
        browser = chromium();
        browser.get("http://127.0.0.1:" + etc.httpPort + "/panel/index.html");
        logIn();
        click(By.id("view-farm"));
        browser.findElement(By.id("farm-name")).sendKeys("farm");
        awaitText(By.id("farm-count"), FARM + " of " + (FARM + 1) + " phones shown");
        Select state = new Select(browser.findElement(By.id("farm-state")));
        state.selectByValue("stopped");
        awaitText(By.id("farm-count"), FARM + " of ");
        printFigures("farm view of " + FARM + " phones, none started");

        // Every phone starts: its tile turns idle.
        for (int n = 1; n <= FARM; n++) {
            console.send("phone farm" + n + "; runprogram");
        }
        state.selectByValue("idle");
        awaitText(By.id("farm-count"), FARM + " of ");
        // A call rings only once its callee is registered: every phone says so, bracketed or not.
        int[] registered = {0};
        console.await("all " + FARM + " phones connected to the call server",
                line -> line.endsWith("Event : Connected to CallManager") && ++registered[0] == FARM, WAIT);

        // The first half calls the second: callers ring out, callees ring in.
        int half = FARM / 2;
        for (int n = 1; n <= half; n++) {
            console.send("phone farm" + n + "; makecall " + (3000 + half + n - 1));
        }
        state.selectByValue("ringing");
        awaitText(By.id("farm-count"), half + " of ");
        state.selectByValue("talking");
        awaitText(By.id("farm-count"), half + " of ");
        state.selectByValue("");
        screenshot("panel-farm.png");

        // A click opens the phone: farm26 rings, and is answered from its panel.
        String callee = "farm" + (half + 1);
        click(By.cssSelector("[data-phone=" + callee + "]"));
        until(driver -> driver.findElement(By.id("phone-view")).isDisplayed());
        assertEquals(callee, new Select(browser.findElement(By.id("phone-select"))).getFirstSelectedOption().getText());
        awaitText(By.id("line-1"), "TsRingIn");
        click(By.id("softkey-answer"));
        awaitText(By.id("line-1"), "TsConnected");
        click(By.id("view-farm"));
        awaitText(By.cssSelector("[data-phone=farm1]"), "TsConnected");
        printFigures("farm view of " + FARM + " phones");
    }

    /** The first of {@code count} ports in a row that nothing listens on. */
    private static int freeSipPorts(int count) {
        int first = FreePorts.udpAndTcp();
        while (IntStream.range(first, first + count).anyMatch(FreePorts::isBound)) {
            first = FreePorts.udpAndTcp();
        }
        return first;
    }

    private void logIn() {
        browser.findElement(By.id("login-user")).sendKeys(USER);
        browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
        click(By.id("login-submit"));
        until(driver -> driver.findElement(By.id("phone-view")).isDisplayed());
    }

    /** Clicks the element, found again if the page redrew it meanwhile. */
    private void click(By where) {
        until(driver -> {
            driver.findElement(where).click();
            return true;
        });
    }

    private void awaitText(By where, String text) {
        until(driver -> driver.findElement(where).getText().contains(text));
    }

    private <T> T until(Function<WebDriver, T> condition) {
        // The page redraws what changed, so an element read may be replaced between two looks: look again.
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Path taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(taken, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Event-to-screen latency, page weight and memory, as the browser measures them. */
    @SuppressWarnings("unchecked")
    private void printFigures(String view) {
        Map<String, Object> figures = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "const l = [...window.vtgoPanel.latency].sort((a, b) => a - b);"
                + "const at = q => l[Math.min(l.length - 1, Math.floor(q * l.length))];"
                + "const files = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'));"
                + "return {events: l.length, p50: at(0.5), p99: at(0.99),"
                + " bytes: files.reduce((sum, e) => sum + (e.encodedBodySize || 0), 0), files: files.length,"
                + " heap: performance.memory ? performance.memory.usedJSHeapSize : -1};");
        System.out.println(view + ": " + figures.get("events") + " events, event to screen p50 " + figures.get("p50")
                + " ms, p99 " + figures.get("p99") + " ms; page " + figures.get("bytes") + " bytes in " + figures.get("files")
                + " files; JS heap " + figures.get("heap") + " bytes");
    }
}
