package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.media.internal.EModel;
import io.vtgoconnect.testing.audio.Goertzel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What SDP and statistics say of each codec, and Opus's own round trip. */
class CodecsTest {
    @Test
    void eachCodecDescribesItselfForSdp() {
        assertEquals(List.of("PCMU", "PCMA", "G722", "opus"),
                AudioCodec.all().stream().map(AudioCodec::encodingName).toList());
        assertEquals("PCMU/8000", G711Codec.PCMU.rtpmap());
        assertEquals("opus/48000/2", OpusCodec.OPUS.rtpmap());
        assertEquals(960, OpusCodec.OPUS.frameClockUnits());
        assertEquals(320, OpusCodec.OPUS.frameSamples());
        assertTrue(OpusCodec.OPUS.formatParameters().contains("maxplaybackrate=16000"));
        assertEquals(OpusCodec.OPUS, AudioCodec.named(" OPUS ").orElseThrow());
        assertTrue(AudioCodec.named("G729").isEmpty());
        assertTrue(AudioCodec.forStaticPayloadType(111).isEmpty(), "Opus's type is dynamic");
        assertEquals(G711Codec.PCMA, AudioCodec.forStaticPayloadType(8).orElseThrow());
    }

    @Test
    void theEModelJudgesEachCallOnItsCodecsScale() {
        assertEquals(4.41, EModel.mos(G711Codec.PCMU, 0, 0), 0.01);
        assertEquals(4.34, EModel.mos(G722Codec.G722, 0, 0), 0.01);
        assertEquals(4.39, EModel.mos(OpusCodec.OPUS, 0, 0), 0.01);
        // With 5 % loss, Opus's concealment keeps it far above G.722's silence.
        assertTrue(EModel.mos(OpusCodec.OPUS, 5, 80) > EModel.mos(G722Codec.G722, 5, 80) + 0.5);
        assertEquals(2.17, EModel.mos(G711Codec.PCMU, 5, 0), 0.01);
    }

    @Test
    void opusCarriesWidebandSpeechAndShrugsOffGarbage() {
        AudioEncoder encoder = OpusCodec.OPUS.newEncoder();
        AudioDecoder decoder = OpusCodec.OPUS.newDecoder();
        assertEquals(0, decoder.conceal(new short[320]), "nothing to conceal before anything was heard");
        short[] heard = new short[50 * 320];
        byte[] payload = new byte[encoder.maxPayload()];
        short[] frame = new short[320];
        short[] decoded = new short[decoder.maxSamples()];
        int bytes = 0;
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 320; j++) {
                int n = i * 320 + j;
                frame[j] = (short) (6000 * Math.sin(2 * Math.PI * 700 * n / 16000.0)
                        + 4000 * Math.sin(2 * Math.PI * 5500 * n / 16000.0));
            }
            int length = encoder.encode(frame, payload);
            bytes += length;
            assertEquals(320, decoder.decode(payload, 0, length, decoded));
            System.arraycopy(decoded, 0, heard, i * 320, 320);
        }
        assertTrue(bytes / 50 <= 125, "about 32 kbit/s, variable: " + bytes / 50 + " bytes a frame");
        short[] steady = Arrays.copyOfRange(heard, 3200, heard.length);
        assertTrue(Goertzel.dominatesAt(16000, steady, 700, 2000, 3000, 7000));
        assertTrue(Goertzel.dominatesAt(16000, steady, 5500, 2000, 3000, 7000));
        assertEquals(320, decoder.conceal(decoded), "20 ms of concealment");

        byte[] garbage = new byte[200];
        Random random = new Random(7587);
        for (int i = 0; i < 200; i++) {
            random.nextBytes(garbage);
            int samples = decoder.decode(garbage, 0, 1 + random.nextInt(garbage.length), decoded);
            assertTrue(samples >= 0 && samples <= decoder.maxSamples());
        }
        assertEquals(0, decoder.decode(garbage, 0, 0, decoded), "an empty payload");
    }
}
