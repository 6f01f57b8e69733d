package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RtpSessionConfigTest {
    @Test
    void defaultsBindLoopbackNeverTheWildcard() {
        RtpSessionConfig defaults = RtpSessionConfig.defaults();
        assertTrue(defaults.localAddress().isLoopbackAddress());
        assertEquals(101, defaults.telephoneEventPayloadType());
        assertEquals(G711Codec.PCMU, defaults.audioCodec());
        assertEquals(0, defaults.audioPayloadType());
    }

    @Test
    void refusesWhatCannotWork() {
        RtpSessionConfig defaults = RtpSessionConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withPortRange(20000, 20000));
        assertThrows(IllegalArgumentException.class, () -> defaults.withTelephoneEventPayloadType(8));
        assertThrows(IllegalArgumentException.class, () -> defaults.withPlayoutDelay(Duration.ofMillis(30)));
        assertThrows(NullPointerException.class, () -> defaults.withLocalAddress(null));
        assertEquals(InetAddress.getLoopbackAddress(), defaults.withLocalAddress(InetAddress.getLoopbackAddress())
                .localAddress());
    }

    @Test
    void directionsMapToSdpAttributes() {
        assertEquals(MediaDirection.SENDONLY, MediaDirection.fromSdpAttribute("sendonly"));
        assertEquals("inactive", MediaDirection.INACTIVE.sdpAttribute());
        assertTrue(MediaDirection.SENDONLY.sends());
        assertFalse(MediaDirection.SENDONLY.receives());
        assertFalse(MediaDirection.RECVONLY.sends());
    }
}
