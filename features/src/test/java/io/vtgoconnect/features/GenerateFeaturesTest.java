package io.vtgoconnect.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The features file made from the project's features/*.bnd and the bundles of this build. */
class GenerateFeaturesTest {
    private static final String VERSION = "1.0.0-SNAPSHOT";
    private static final Path FEATURES = Path.of(System.getProperty("vtgoconnect.features"));
    private static final List<BundleManifest> BUNDLES = GenerateFeatures.bundles(System.getProperty("surefire.test.class.path"));

    @TempDir
    Path folder;

    @Test
    void everyFeatureOfTheRuntimeThatKarafLacksIsAKarafFeature() throws Exception {
        Document features = parse(GenerateFeatures.generate(VERSION, FEATURES, BUNDLES));

        List<String> names = texts(features, "/features/feature/@name");
        assertTrue(names.containsAll(List.of("vtgoconnect-callmanager", "vtgoconnect-em", "vtgoconnect-phone",
                "vtgoconnect-shell")), names::toString);
        // Karaf watches its own etc/ and deploy/ folders.
        assertTrue(!names.contains("vtgoconnect-hotdeploy"), names::toString);
    }

    @Test
    void aFeatureHasItsBundlesAfterTheBundlesTheyImportFrom() throws Exception {
        Document features = parse(GenerateFeatures.generate(VERSION, FEATURES, BUNDLES));

        String phone = "/features/feature[@name='vtgoconnect-phone']";
        assertEquals(List.of(bundle("api"), bundle("core"), bundle("media"), bundle("transport-sip")),
                texts(features, phone + "/bundle[not(@dependency)]"));
        assertEquals(List.of("eventadmin"), texts(features, phone + "/feature"));
        assertEquals("Call control and the SIP softphone it drives.",
                texts(features, "/features/feature[@name='vtgoconnect-phone']/@description").get(0));
    }

    @Test
    void aFeatureWithComponentsBringsFelixScrForAKarafThatHasNoScrYet() throws Exception {
        Document features = parse(GenerateFeatures.generate(VERSION, FEATURES, BUNDLES));

        // Dependencies: Karaf installs them only where nothing installed provides what they do (its scr feature, say).
        List<String> scr = List.of("mvn:org.osgi/org.osgi.util.function", "mvn:org.osgi/org.osgi.util.promise",
                "mvn:org.osgi/org.osgi.service.component", "mvn:org.apache.felix/org.apache.felix.scr");
        assertEquals(scr, withoutVersions(texts(features, "/features/feature[@name='vtgoconnect-phone']/bundle[@dependency='true']")));
        assertEquals(scr, withoutVersions(texts(features,
                "/features/feature[@name='vtgoconnect-shell']/conditional/bundle[@dependency='true']")));
        assertEquals(List.of(), texts(features, "/features/feature/feature[text()='scr']"));
    }

    @Test
    void theShellsBundlesAreInstalledOnlyWithKarafsShellAndWithoutTheStandaloneConsole() throws Exception {
        Document features = parse(GenerateFeatures.generate(VERSION, FEATURES, BUNDLES));

        String shell = "/features/feature[@name='vtgoconnect-shell']";
        assertEquals(List.of(), texts(features, shell + "/bundle"));
        assertEquals(List.of("shell"), texts(features, shell + "/conditional/condition"));
        assertEquals(List.of(bundle("api"), bundle("shell")), texts(features, shell + "/conditional/bundle[not(@dependency)]"));
    }

    @Test
    void aFragmentAddedToTheFolderIsAFeature() throws Exception {
        Files.writeString(folder.resolve("mobility.bnd"), """
                # Feature mobility: log in and out.
                -runrequires.mobility: \\
                    bnd.identity;id='io.vtgoconnect.em'
                """);
        Document features = parse(GenerateFeatures.generate(VERSION, folder, BUNDLES));

        assertEquals(List.of(bundle("api"), bundle("em")),
                texts(features, "/features/feature[@name='vtgoconnect-mobility']/bundle[not(@dependency)]"));
    }

    @Test
    void aBundleNeitherOfThisBuildNorOfKarafIsRefused() throws Exception {
        Files.writeString(folder.resolve("other.bnd"), "-runrequires.other: bnd.identity;id='org.example.nowhere'\n");

        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> GenerateFeatures.generate(VERSION, folder, BUNDLES));
        assertEquals("features/other.bnd requires org.example.nowhere, which is neither a bundle of this build nor one "
                + "that Karaf has.", refusal.getMessage());
    }

    private static String bundle(String name) {
        return "mvn:io.vtgoconnect/io.vtgoconnect." + name + "/" + VERSION;
    }

    private static List<String> withoutVersions(List<String> urls) {
        return urls.stream().map(url -> url.substring(0, url.lastIndexOf('/'))).toList();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document document, String path) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, document, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
