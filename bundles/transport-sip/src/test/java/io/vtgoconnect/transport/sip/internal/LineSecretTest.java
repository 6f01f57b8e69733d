package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.sipstack.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A line given its HA1s by the call server answers that server's realm with the algorithms it has an
 * HA1 for; a line with a password answers any realm; neither shows its secret.
 */
class LineSecretTest {
    private static final String MD5 = DigestAlgorithm.MD5.ha1("2001", "vtgoconnect", "vtgo-2001");
    private static final String SHA = DigestAlgorithm.SHA_256.ha1("2001", "vtgoconnect", "vtgo-2001");

    @Test
    void theDeviceConfigurationsHa1sAnswerTheirRealmOnly() {
        String xml = "<device name=\"SEP001122334455\"><callManager host=\"127.0.0.1\" sipPort=\"5060\" realm=\"vtgoconnect\"/>"
                + "<line button=\"1\" number=\"2001\" label=\"\" authName=\"2001\" authHa1Sha256=\"" + SHA + "\" authHa1Md5=\""
                + MD5 + "\"/><line button=\"2\" number=\"2301\" label=\"\" authName=\"2301\" authHa1Md5=\"" + MD5 + "\"/></device>";

        DeviceConfiguration device = DeviceConfiguration.parse(xml.getBytes(StandardCharsets.UTF_8), "SEP001122334455");

        LineSecret both = device.lines().get(0).secret();
        assertEquals(Optional.of(SHA), both.ha1(DigestAlgorithm.SHA_256, "2001", "vtgoconnect"));
        assertEquals(Optional.of(MD5), both.ha1(DigestAlgorithm.MD5, "2001", "vtgoconnect"));
        assertTrue(both.ha1(DigestAlgorithm.MD5, "2001", "another").isEmpty(), "another server's realm");
        LineSecret md5Only = device.lines().get(1).secret();
        assertTrue(md5Only.ha1(DigestAlgorithm.SHA_256, "2301", "vtgoconnect").isEmpty());
        assertFalse(device.lines().toString().contains(MD5) || device.lines().toString().contains(SHA), device.lines().toString());
    }

    @Test
    void aPasswordAnswersAnyRealmAndNeverShows() {
        LineSecret password = LineSecret.password("vtgo-2001");

        assertEquals(Optional.of(MD5), password.ha1(DigestAlgorithm.MD5, "2001", "vtgoconnect"));
        assertEquals(Optional.of(DigestAlgorithm.SHA_256.ha1("2001", "kamailio", "vtgo-2001")),
                password.ha1(DigestAlgorithm.SHA_256, "2001", "kamailio"));
        assertFalse(password.toString().contains("vtgo-2001"));
    }
}
