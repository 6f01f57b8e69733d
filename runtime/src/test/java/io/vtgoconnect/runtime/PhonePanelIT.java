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
import java.util.function.Supplier;
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
        return runningPhone(etc(), awaited);
    }

    private RuntimeEtc runningPhone(RuntimeEtc etc, String awaited) throws IOException, InterruptedException {
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
        assertEquals("Line 1, 2001: TsConnected", browser.findElement(By.id("line-1")).getAccessibleName(),
                "the line key says the line, its number and its state");
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
    void theMetersVolumeMuteTransferAndParkByClicking() throws Exception {
        RuntimeEtc etc = etc();
        // A test endpoint of the call server that answers and plays a 440 Hz tone: the audio the meter reads.
        etc.write("io.vtgoconnect.callmanager.endpoint-2005.cfg", "number=2005", "behaviour=TONE", "answer.delay=500");
        runningPhone(etc, "Event : Connected to CallManager");
        openPanel(etc);
        assertAccessible("login form");
        logIn();
        awaitText(By.id("line-1"), "TsIdle");
        assertEquals("silence", browser.findElement(By.id("level-received-text")).getText());

        click(By.cssSelector("[data-command=SpkrVolumeUp]"));
        awaitText(By.id("speaker-volume"), "60 %");
        awaitText(By.id("answer"), "Speaker volume 60%");
        click(By.cssSelector("[data-command=MicVolumeDown]"));
        awaitText(By.id("microphone-volume"), "40 %");

        dial("2005");
        awaitText(By.id("line-1"), "TsConnected");
        // The tone arrives: the received meter rises above silence; the phone itself says nothing.
        until(driver -> Double.parseDouble(driver.findElement(By.id("level-received")).getAttribute("value")) > -40);
        awaitText(By.id("level-received-text"), "dBFS");
        assertEquals("silence", browser.findElement(By.id("level-sent-text")).getText());
        screenshot("panel-meters.png");
        assertAccessible("phone view during a call");

        click(By.id("mute"));
        awaitText(By.id("mute-state"), "muted");
        awaitText(By.id("answer"), "Microphone muted");
        assertEquals("true", browser.findElement(By.id("mute")).getAttribute("aria-pressed"));
        click(By.id("mute"));
        awaitText(By.id("mute-state"), "not muted");
        awaitText(By.id("answer"), "Microphone unmuted");

        // A one-step transfer of the call to 2004: the call leaves this phone.
        String transferred = browser.findElement(By.cssSelector("#calls tbody tr td:nth-child(2)")).getText();
        click(By.id("clear"));
        click(By.id("transfer"));
        awaitText(By.id("refusal"), "Error : ERROR_");
        browser.findElement(By.id("number")).sendKeys("2004");
        click(By.id("transfer"));
        until(driver -> driver.findElements(By.cssSelector("#calls tbody tr")).isEmpty());
        awaitText(By.id("line-1"), "TsIdle");
        assertEquals("silence", browser.findElement(By.id("level-received-text")).getText());
        awaitLogLine("CallRef=" + transferred, "Event : PartyHangup, CallRef=" + transferred);

        // Park: the call server takes the call into orbit 5800 and the phone's call ends.
        click(By.id("clear"));
        dial("2004");
        awaitText(By.id("line-1"), "TsConnected");
        click(By.id("softkey-park"));
        awaitText(By.id("line-1"), "TsIdle");
        awaitLogLine("TsCallPark", "State=11(TsCallPark)");
        awaitLogLine("TsCallPark", "OtherParty=5800");
        screenshot("panel-park.png");
    }

    @Test
    void extensionMobilityLogInAndOutByClickingAndTheFarmViewIsAccessible() throws Exception {
        RuntimeEtc etc = runningPhone("Event : Connected to CallManager");
        openPanel(etc);
        logIn();
        awaitText(By.id("line-1"), "2001");

        browser.findElement(By.id("em-user")).sendKeys("jsmith");
        browser.findElement(By.id("em-pin")).sendKeys("999999");
        click(By.id("em-login"));
        awaitText(By.id("refusal"), "Error : ERROR_EM_INVALID_CREDENTIALS(");
        browser.findElement(By.id("em-pin")).sendKeys("123456");
        click(By.id("em-login"));
        awaitText(By.id("line-1"), "2002");
        assertEquals("Line 1, 2002: TsIdle", browser.findElement(By.id("line-1")).getAccessibleName());
        assertEquals("", browser.findElement(By.id("em-pin")).getAttribute("value"), "the PIN is not kept");
        awaitLogLine("Line=1(2002)", "Event : LineUpdate, Line=1(2002)");
        click(By.id("em-logout"));
        awaitText(By.id("line-1"), "2001");
        awaitLogLine("Line=1(2001)", "Event : LineUpdate, Line=1(2001)");

        click(By.id("view-farm"));
        awaitText(By.id("farm-count"), "1 of 1 phones shown");
        assertEquals("SEP001122334455 TsIdle", browser.findElement(By.cssSelector("[data-phone=SEP001122334455]"))
                .getAccessibleName(), "a tile says its phone and its state");
        assertAccessible("farm view");
        assertFarmTilesContrast();
        click(By.id("view-log"));
        assertAccessible("event log");
    }

    @Test
    void aWrongPasswordIsRefusedAndThePanelStaysClosed() throws Exception {
        RuntimeEtc etc = runningPhone("Event : Connected to softphone");
        openPanel(etc);
        browser.findElement(By.id("login-user")).sendKeys(USER);
        browser.findElement(By.id("login-password")).sendKeys("wrong");
        click(By.id("login-submit"));
        awaitText(By.id("connection"), "Error : ERROR_ACCESS_DENIED");
        assertTrue(browser.findElement(By.id("phone-view")).getAttribute("hidden") != null);
    }

    @Test
    void theFarmViewFollowsFiftyPhonesAndOpensOne() throws Exception {
        RuntimeEtc etc = etc();
        // Two RTP port pairs a phone: each holds one in its call, with room for ports taken meanwhile.
        etc.write("io.vtgoconnect.farm-panel.cfg", "count=" + FARM, "name=farm{n}", "line.first=3000",
                "registrar=127.0.0.1:" + etc.sipPort, "sip.port.first=" + FreePorts.udpAndTcp(FARM), "keepalive.interval=0",
                "rtp.port.min=17000", "rtp.port.max=" + (17000 + 4 * FARM - 1));
        console = new PipedConsole(directory);
        console.send("phones");
        console.await("farm" + FARM + " listed", line -> line.startsWith("  farm" + FARM + " "), WAIT);
        openPanel(etc);
        logIn();
        click(By.id("view-farm"));
        browser.findElement(By.id("farm-name")).sendKeys("farm");
        awaitText(By.id("farm-count"), FARM + " of " + (FARM + 1) + " phones shown");
        Select state = new Select(browser.findElement(By.id("farm-state")));
        state.selectByValue("stopped");
        awaitText(By.id("farm-count"), FARM + " of ");
        printFigures("farm view of " + FARM + " phones, none started");

        // Every phone starts and registers (a call rings only once its callee is), each saying so, bracketed or
        // not; then its tile turns idle. The console comes first: a phone that fails says why there, and the
        // failure shows all it printed.
        for (int n = 1; n <= FARM; n++) {
            console.send("phone farm" + n + "; runprogram");
        }
        int[] registered = {0};
        console.await("all " + FARM + " phones connected to the call server",
                line -> line.endsWith("Event : Connected to CallManager") && ++registered[0] == FARM, WAIT);
        state.selectByValue("idle");
        awaitText(By.id("farm-count"), FARM + " of ");
        printFigures("farm view of " + FARM + " phones, all started");

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
        assertEquals("farm1 TsConnected", browser.findElement(By.cssSelector("[data-phone=farm1]")).getAccessibleName());
        assertAccessible("farm view of " + FARM + " phones");
        printFigures("farm view of " + FARM + " phones");
    }

    /** The panel's page, in a new browser, before logging in. */
    private void openPanel(RuntimeEtc etc) {
        browser = chromium();
        browser.get("http://127.0.0.1:" + etc.httpPort + "/panel/index.html");
    }

    /** Types the number on the dial pad and presses Call. */
    private void dial(String number) {
        for (char digit : number.toCharArray()) {
            click(By.id("pad-" + digit));
        }
        click(By.id("call"));
    }

    /** The event log, filtered by the text, shows a line holding the expected text. */
    private void awaitLogLine(String filter, String expected) {
        click(By.id("view-log"));
        WebElement field = browser.findElement(By.id("log-filter"));
        field.clear();
        field.sendKeys(filter);
        until(driver -> driver.findElements(By.cssSelector("#log li")).stream().anyMatch(line -> line.getText().contains(expected)),
                () -> "no \"" + expected + "\" among the lines of \"" + filter + "\": "
                        + browser.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText).toList());
        field.clear();
        click(By.id("view-phone"));
    }

    /**
     * Runs axe-core (from npm, injected by the test only) on the page as shown: every violation is
     * printed, and a serious or critical one fails, as does a contrast or a name it could not check.
     */
    @SuppressWarnings("unchecked")
    private void assertAccessible(String view) throws IOException {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript(Files.readString(Path.of(System.getProperty("axe.script"))));
        browser.manage().timeouts().scriptTimeout(WAIT);
        Map<String, Object> result = (Map<String, Object>) page.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                // Label in name (WCAG 2.5.3) is among axe's experimental rules: asked for by name.
                + "axe.run(document, {resultTypes: ['violations'], rules: {'label-content-name-mismatch': {enabled: true}}})"
                + ".then(result => done({passes: result.passes.length,"
                + " incomplete: result.incomplete.map(i => i.id + ' ' + i.nodes.map(n => n.target.join(' ') + ' ('"
                + " + n.any.concat(n.all, n.none).map(c => c.message).join('; ') + ')').slice(0, 3).join(', ')),"
                + " violations: result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))}));");
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
        System.out.println("axe " + page.executeScript("return axe.version") + ", " + view + ": " + result.get("passes")
                + " rules passed, " + violations.size() + " violated, to review by hand: " + result.get("incomplete"));
        violations.forEach(violation -> System.out.println("axe, " + view + ": " + violation));
        List<Map<String, Object>> serious = violations.stream()
                .filter(violation -> List.of("serious", "critical").contains(violation.get("impact"))).toList();
        assertEquals(List.of(), serious, "serious or critical accessibility violations in the " + view);
        // Contrast axe could not work out, and names that may not say what is shown, would be left to a person: none.
        List<String> unchecked = ((List<String>) result.get("incomplete")).stream()
                .filter(item -> item.startsWith("color-contrast ") || item.startsWith("label-content-name-mismatch ")).toList();
        assertEquals(List.of(), unchecked, "contrast or names axe could not check in the " + view);
    }

    /**
     * Every state colour of the farm's tiles (each {@code .state-} class of the stylesheet), put on a
     * tile of the grid in turn: its text against its background meets WCAG AA for normal text, 4.5:1.
     */
    @SuppressWarnings("unchecked")
    private void assertFarmTilesContrast() {
        Map<String, Object> ratios = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "const names = new Set();"
                + "for (const sheet of document.styleSheets) for (const rule of sheet.cssRules)"
                + "  for (const match of (rule.selectorText || '').matchAll(/\\.(state-[\\w-]+)/g)) names.add(match[1]);"
                + "const rgb = colour => colour.match(/[\\d.]+/g).slice(0, 3).map(Number);"
                + "const luminance = colour => { const [r, g, b] = rgb(colour).map(v => v / 255)"
                + "  .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };"
                + "const grid = document.getElementById('farm-grid'); const ratios = {};"
                + "for (const name of names) {"
                + "  const tile = document.createElement('button'); tile.className = name; tile.textContent = 'farm1 ' + name;"
                + "  grid.append(tile); const style = getComputedStyle(tile);"
                + "  const [a, b] = [luminance(style.color), luminance(style.backgroundColor)];"
                + "  ratios[name] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); tile.remove(); }"
                + "return ratios;");
        System.out.println("farm tiles' contrast: " + ratios);
        assertTrue(ratios.size() >= 8, "the state colours: " + ratios);
        ratios.forEach((state, ratio) -> assertTrue(((Number) ratio).doubleValue() >= 4.5,
                state + " has a contrast of " + ratio + ", under WCAG AA's 4.5:1"));
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
        until(driver -> driver.findElement(where).getText().contains(text),
                () -> "no \"" + text + "\" in " + where + ", which shows \"" + browser.findElement(where).getText() + "\"");
    }

    private <T> T until(Function<WebDriver, T> condition) {
        return until(condition, () -> "the page did not get there");
    }

    private <T> T until(Function<WebDriver, T> condition, Supplier<String> failure) {
        // The page redraws what changed, so an element read may be replaced between two looks: look again.
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> failure.get() + (browser.findElement(By.id("closed")).isDisplayed()
                        ? "; the connection is closed: " + browser.findElement(By.id("closed-text")).getText() : ""))
                .until(condition::apply);
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
