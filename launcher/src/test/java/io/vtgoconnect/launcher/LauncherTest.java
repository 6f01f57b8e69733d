package io.vtgoconnect.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The start levels the release's launcher gives the bundles, read from what bnd exports. */
class LauncherTest {
    @Test
    void eachBundleGetsTheStartLevelTheBndrunGivesIt() throws IOException {
        Properties launch = new Properties();
        // As bnd 7.1 writes it into launcher.properties (the backslashes are the properties format's).
        launch.load(new StringReader("launch.runbundles.attrs=io.vtgoconnect.api;version\\=\"1.0.0.202612051526\";startlevel\\=5,"
                + "io.vtgoconnect.callmanager;version\\=\"1.0.0.202612051527\";startlevel\\=10,"
                + "org.ops4j.pax.web.pax-web-jetty;version\\=\"8.0.34\";startlevel\\=20,"
                + "org.osgi.util.promise;version\\=\"1.3.0.202212101352\";startlevel\\=5\n"));

        Map<String, Integer> levels = new Launcher(launch, new PrintStream(PrintStream.nullOutputStream())).startLevels();

        assertEquals(Map.of("io.vtgoconnect.api", 5, "io.vtgoconnect.callmanager", 10,
                "org.ops4j.pax.web.pax-web-jetty", 20, "org.osgi.util.promise", 5), levels);
    }

    @Test
    void withoutStartLevelsEveryBundleTakesTheFrameworksDefault() {
        Properties launch = new Properties();
        launch.setProperty("launch.runbundles.attrs", "a.b;version=\"1.0\",c.d;version=\"2.0\"");

        assertEquals(Map.of(), new Launcher(launch, new PrintStream(PrintStream.nullOutputStream())).startLevels());
    }
}
