package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class G711CodecTest {
    @Test
    void encodesKnownCodes() {
        assertEquals(0xFF, encode(G711Codec.PCMU, 0));
        assertEquals(0x7F, encode(G711Codec.PCMU, -1));
        assertEquals(0x80, encode(G711Codec.PCMU, Short.MAX_VALUE));
        assertEquals(0x00, encode(G711Codec.PCMU, Short.MIN_VALUE));
        assertEquals(0xD5, encode(G711Codec.PCMA, 0));
        assertEquals(0x55, encode(G711Codec.PCMA, -1));
        assertEquals(0xAA, encode(G711Codec.PCMA, Short.MAX_VALUE));
        assertEquals(0x2A, encode(G711Codec.PCMA, Short.MIN_VALUE));
    }

    @Test
    void decodesKnownCodes() {
        assertEquals(0, decode(G711Codec.PCMU, 0xFF));
        assertEquals(32124, decode(G711Codec.PCMU, 0x80));
        assertEquals(-32124, decode(G711Codec.PCMU, 0x00));
        assertEquals(8, decode(G711Codec.PCMA, 0xD5));
        assertEquals(-8, decode(G711Codec.PCMA, 0x55));
        assertEquals(32256, decode(G711Codec.PCMA, 0xAA));
        assertEquals(-32256, decode(G711Codec.PCMA, 0x2A));
    }

    @ParameterizedTest
    @EnumSource(G711Codec.class)
    void decodesExactlyAsJavaSound(G711Codec codec) throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) i;
        }
        AudioFormat.Encoding encoding = codec == G711Codec.PCMU ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW;
        AudioFormat format = new AudioFormat(encoding, 8000, 8, 1, 1, 8000, false);
        AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
        byte[] decoded = AudioSystem.getAudioInputStream(pcm,
                new AudioInputStream(new ByteArrayInputStream(codes), format, codes.length)).readAllBytes();
        for (int code = 0; code < codes.length; code++) {
            short expected = (short) ((decoded[2 * code] & 0xFF) | decoded[2 * code + 1] << 8);
            assertEquals(expected, decode(codec, code), "code " + code);
        }
    }

    @ParameterizedTest
    @EnumSource(G711Codec.class)
    void roundTripErrorStaysWithinHalfAStep(G711Codec codec) {
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            int error = Math.abs(decode(codec, encode(codec, sample)) - sample);
            // A step is a 16th to a 32nd of the magnitude, so half a step is at most a 16th; the
            // first segment's step is 8 (u-law) or 32 (A-law), and the top is clipped near 32124 or 32256.
            assertTrue(error <= Math.max(16, Math.abs(sample) / 16), codec + " error " + error + " at " + sample);
        }
    }

    @ParameterizedTest
    @EnumSource(G711Codec.class)
    void reencodingADecodedCodeGivesItBack(G711Codec codec) {
        for (int code = 0; code < 256; code++) {
            // u-law has two zeros; 0x7F (negative zero) decodes to 0, which encodes as 0xFF.
            int expected = codec == G711Codec.PCMU && code == 0x7F ? 0xFF : code;
            assertEquals(expected, encode(codec, decode(codec, code)), codec + " code " + code);
        }
    }

    @Test
    void namesAndPayloadTypes() {
        assertEquals(Optional.of(G711Codec.PCMU), G711Codec.forPayloadType(0));
        assertEquals(Optional.of(G711Codec.PCMA), G711Codec.forPayloadType(8));
        assertEquals(Optional.empty(), G711Codec.forPayloadType(18));
        assertEquals("PCMA", G711Codec.PCMA.encodingName());
        assertEquals("G711u", G711Codec.PCMU.displayName());
    }

    private static int encode(G711Codec codec, int sample) {
        byte[] out = new byte[1];
        codec.encode(new short[] {(short) sample}, 1, out);
        return out[0] & 0xFF;
    }

    private static short decode(G711Codec codec, int code) {
        short[] out = new short[1];
        codec.decode(new byte[] {(byte) code}, 0, 1, out);
        return out[0];
    }
}
