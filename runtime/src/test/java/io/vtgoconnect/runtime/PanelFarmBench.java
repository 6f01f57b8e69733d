package io.vtgoconnect.runtime;

import io.vtgoconnect.api.secret.PasswordHash;
import io.vtgoconnect.testing.peers.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The farm view under load: the runtime (as {@code ./vtgoconnect} starts it) with a farm of N phones
 * registered with its embedded call server, the panel's farm view open in headless Chromium, and
 * the phones driven from the console: all started, then rounds of M calls (M phones call M others,
 * the callees answer, the callers end). Prints what the browser measured (event to screen p50/p99,
 * frame intervals and long tasks, JS heap, page weight) and the runtime's RSS and CPU.
 * Run by {@code bench/panel-farm.sh}.
 */
public final class PanelFarmBench {
    private static final String USAGE = "--phones N, --calls M, --rounds R";
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-" + Long.toHexString(System.nanoTime());
    /** Counts the page's frame intervals and long tasks from now on. */
    private static final String RECORD_FRAMES = "window.benchFrames = []; window.benchLongTasks = [];"
            + "let last = performance.now();"
            + "const tick = now => { benchFrames.push(now - last); last = now; requestAnimationFrame(tick); };"
            + "requestAnimationFrame(tick);"
            + "new PerformanceObserver(list => list.getEntries().forEach(task => benchLongTasks.push(task.duration)))"
            + ".observe({type: 'longtask'});"
            + "window.vtgoPanel.latency.length = 0;";
    private static final String FIGURES = "const sorted = values => [...values].sort((a, b) => a - b);"
            + "const at = (values, q) => values.length ? values[Math.min(values.length - 1, Math.floor(q * values.length))] : -1;"
            + "const latency = sorted(window.vtgoPanel.latency), frames = sorted(benchFrames), tasks = sorted(benchLongTasks);"
            + "const files = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'));"
            + "return {events: latency.length, p50: at(latency, 0.5), p99: at(latency, 0.99), max: at(latency, 1),"
            + " frames: frames.length, frameP50: at(frames, 0.5), frameP99: at(frames, 0.99), frameMax: at(frames, 1),"
            + " longTasks: tasks.length, longTaskP99: at(tasks, 0.99), longTaskTotal: tasks.reduce((a, b) => a + b, 0),"
            + " bytes: files.reduce((sum, e) => sum + (e.encodedBodySize || 0), 0), files: files.length,"
            + " heap: performance.memory ? performance.memory.usedJSHeapSize : -1,"
            + " tiles: document.querySelectorAll('#farm-grid button').length};";

    private final int phones;
    private final int calls;
    private final int rounds;
    private final Duration wait;

    private PanelFarmBench(int phones, int calls, int rounds) {
        this.phones = phones;
        this.calls = calls;
        this.rounds = rounds;
        // Generous on a loaded machine: a minute for each 50 phones; only a hang trips it.
        this.wait = Duration.ofSeconds(60L * Math.max(1, phones / 50));
    }

    public static void main(String[] args) throws Exception {
        PanelFarmBench bench;
        try {
            bench = of(args);
        } catch (IllegalArgumentException e) {
            System.err.println("panel-farm: " + e.getMessage());
            System.exit(2);
            return;
        }
        bench.run(Files.createTempDirectory("panel-farm-bench"));
        System.exit(0);
    }

    /** The bench the command line asks for; IllegalArgumentException saying what is wrong with it. */
    private static PanelFarmBench of(String[] args) {
        int phones = 50;
        int calls = -1;
        int rounds = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--phones" -> phones = number(args, ++i);
                case "--calls" -> calls = number(args, ++i);
                case "--rounds" -> rounds = number(args, ++i);
                default -> throw new IllegalArgumentException(args[i] + " is none of " + USAGE + ".");
            }
        }
        calls = calls < 0 ? phones / 2 : calls;
        if (phones < 2 || calls < 1 || 2 * calls > phones || rounds < 1) {
            throw new IllegalArgumentException("--phones is 2 or more, --calls 1 to half the phones, --rounds 1 or more.");
        }
        return new PanelFarmBench(phones, calls, rounds);
    }

    private static int number(String[] args, int i) {
        try {
            return Integer.parseInt(args[i]);
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " takes a whole number: " + USAGE + ".");
        }
    }

    private void run(Path directory) throws Exception {
        RuntimeEtc etc = RuntimeEtc.in(directory).withDefaults();
        etc.write("io.vtgoconnect.remote.user-bench.cfg", "name=" + USER, ".password=" + PasswordHash.of(PASSWORD));
        // Two RTP port pairs a phone: each holds one in its call, with room for ports taken meanwhile.
        etc.write("io.vtgoconnect.farm-bench.cfg", "count=" + phones, "name=farm{n}", "line.first=3000",
                "registrar=127.0.0.1:" + etc.sipPort, "sip.port.first=" + FreePorts.udpAndTcp(phones),
                "keepalive.interval=0", "rtp.port.min=17000", "rtp.port.max=" + (17000 + 4 * phones - 1));
        WebDriver browser = null;
        try (PipedConsole console = new PipedConsole(directory)) {
            console.send("phones");
            console.await("farm" + phones + " listed", line -> line.startsWith("  farm" + phones + " "), wait);
            ProcessHandle runtime = console.runtime();
            browser = PhonePanelIT.chromium();
            browser.get("http://127.0.0.1:" + etc.httpPort + "/panel/index.html");
            browser.findElement(By.id("login-user")).sendKeys(USER);
            browser.findElement(By.id("login-password")).sendKeys(PASSWORD);
            browser.findElement(By.id("login-submit")).click();
            until(browser, driver -> driver.findElement(By.id("phone-view")).isDisplayed());
            browser.findElement(By.id("view-farm")).click();
            browser.findElement(By.id("farm-name")).sendKeys("farm");
            Select state = new Select(browser.findElement(By.id("farm-state")));
            shown(browser, state, "stopped", phones);
            System.out.printf("runtime with %d phones stopped: RSS %.0f MB%n", phones, rssMb(runtime));

            ((JavascriptExecutor) browser).executeScript(RECORD_FRAMES);
            double cpuBefore = cpuSeconds(runtime);
            long start = System.nanoTime();
            for (int n = 1; n <= phones; n++) {
                console.send("phone farm" + n + "; runprogram");
            }
            int[] registered = {0};
            console.await("all " + phones + " phones connected to the call server",
                    line -> line.endsWith("Event : Connected to CallManager") && ++registered[0] == phones, wait);
            shown(browser, state, "idle", phones);
            System.out.printf("%d phones started and registered in %.1f s: RSS %.0f MB%n", phones, seconds(start),
                    rssMb(runtime));
            for (int round = 1; round <= rounds; round++) {
                long roundStart = System.nanoTime();
                // Phones 1..M call phones M+1..2M (farm n has line 3000 + n - 1).
                for (int n = 1; n <= calls; n++) {
                    console.send("phone farm" + n + "; makecall " + (3000 + calls + n - 1));
                }
                shown(browser, state, "ringing", calls);
                for (int n = calls + 1; n <= 2 * calls; n++) {
                    console.send("phone farm" + n + "; answer");
                }
                shown(browser, state, "talking", 2 * calls);
                double rss = rssMb(runtime);
                for (int n = 1; n <= calls; n++) {
                    console.send("phone farm" + n + "; endcall");
                }
                shown(browser, state, "idle", phones);
                System.out.printf("round %d: %d calls rung, answered and ended in %.1f s; RSS in the calls %.0f MB%n", round,
                        calls, seconds(roundStart), rss);
            }
            double cpu = cpuSeconds(runtime) - cpuBefore;
            double wall = seconds(start);
            print(figures(browser), phones, calls, rounds, cpu, wall, rssMb(runtime));
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /** Waits until the farm view, filtered by the group, shows that many tiles. */
    private void shown(WebDriver browser, Select state, String group, int count) {
        state.selectByValue(group);
        until(browser, driver -> driver.findElement(By.id("farm-count")).getText().startsWith(count + " of "));
    }

    private <T> T until(WebDriver browser, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, wait).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figures(WebDriver browser) {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(FIGURES);
    }

    private static void print(Map<String, Object> f, int phones, int calls, int rounds, double cpu, double wall, double rss) {
        System.out.printf("farm view of %d phones (%s tiles), %d rounds of %d calls, %s events shown:%n", phones, f.get("tiles"),
                rounds, calls, f.get("events"));
        System.out.printf("  event to screen: p50 %s ms, p99 %s ms, max %s ms%n", ms(f.get("p50")), ms(f.get("p99")),
                ms(f.get("max")));
        System.out.printf("  frames: %s, interval p50 %s ms, p99 %s ms, max %s ms; long tasks (over 50 ms): %s, p99 %s ms,"
                + " %s ms in all%n", f.get("frames"), ms(f.get("frameP50")), ms(f.get("frameP99")), ms(f.get("frameMax")),
                f.get("longTasks"), ms(f.get("longTaskP99")), ms(f.get("longTaskTotal")));
        System.out.printf("  browser: JS heap %.1f MB; page %s bytes in %s files%n", ((Number) f.get("heap")).doubleValue() / 1e6,
                f.get("bytes"), f.get("files"));
        System.out.printf("  runtime: RSS %.0f MB at the end; CPU %.1f s in %.1f s (%.0f %% of one core)%n", rss, cpu, wall,
                100 * cpu / wall);
    }

    private static String ms(Object value) {
        return String.format("%.1f", ((Number) value).doubleValue());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double rssMb(ProcessHandle process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** User and system CPU of the process so far, from /proc (clock ticks of 1/100 s). */
    private static double cpuSeconds(ProcessHandle process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        return (Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12))) / 100.0;
    }
}
