package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentException;

/** A wrong feature or digest setting fails the call server's activation, saying which setting is wrong. */
class FeatureSettingsTest {
    @Test
    void aFeatureCodeThatIsNotKeyEqualsCodeIsNamed() throws Exception {
        assertStaysDownNaming("pickup:*8", "feature_codes", new String[] {"pickup:*8"});
        assertStaysDownNaming("tranfer=*99", "feature_codes", new String[] {"tranfer=*99"});
    }

    @Test
    void aMeetMeRangeThatIsNotFirstDashLastIsNamed() throws Exception {
        assertStaysDownNaming("5009-5000", "meetme_numbers", "5009-5000");
    }

    @Test
    void aParkRangeThatIsNotFirstDashLastIsNamed() throws Exception {
        assertStaysDownNaming("2409-2400", "park_range", "2409-2400");
    }

    @Test
    void anUnknownDigestAlgorithmIsNamed() throws Exception {
        assertStaysDownNaming("Digest algorithm \"SHA-1\" is neither SHA-256 nor MD5", "digest_algorithms",
                new String[] {"SHA-1"});
    }

    static void assertStaysDownNaming(String wrong, Object... setting) {
        ComponentException down = assertThrows(ComponentException.class, () -> new EmbeddedServer(setting).close());
        assertTrue(down.getMessage().contains(wrong), down.getMessage());
    }
}
