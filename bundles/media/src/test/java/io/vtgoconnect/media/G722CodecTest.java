package io.vtgoconnect.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vtgoconnect.testing.audio.Goertzel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G.722 against spandsp's coder (which follows the ITU-T reference code and passes the ITU's test
 * sequences), bit for bit both ways, and for what a listener hears: wideband audio that G.711
 * cannot carry, at a signal-to-noise ratio fit for speech.
 */
class G722CodecTest {
    private static final int RATE = MediaEngine.WIDEBAND_SAMPLE_RATE;

    @TempDir
    Path folder;

    @Test
    void describesItselfAsRfc3551Does() {
        assertEquals("G722/8000", G722Codec.G722.rtpmap());
        assertEquals(9, G722Codec.G722.payloadType());
        assertEquals(16000, G722Codec.G722.sampleRate());
        assertEquals(320, G722Codec.G722.frameSamples());
        assertEquals(160, G722Codec.G722.frameClockUnits());
        assertEquals(G722Codec.G722, AudioCodec.forStaticPayloadType(9).orElseThrow());
        assertEquals(G722Codec.G722, AudioCodec.named("g722").orElseThrow());
    }

    @Test
    void encodesBitForBitAsTheReferenceCoder() throws Exception {
        short[] signal = testSignal();
        byte[] ours = encode(signal);
        byte[] reference = reference("enc", toBytes(signal));
        assertEquals(signal.length / 2, reference.length);
        assertArrayEquals(reference, ours, "first difference at byte " + Arrays.mismatch(reference, ours));
    }

    /**
     * Where the receive QMF's output passes 16 bits, the ITU reference saturates (its basic
     * operations do) and so does ours, while spandsp truncates, wrapping to the other sign: only
     * there, ours must be at a rail.
     */
    @Test
    void decodesBitForBitAsTheReferenceCoderWhateverTheBytes() throws Exception {
        byte[] codes = new byte[16000];
        new Random(722).nextBytes(codes);
        // Real speech-like codes first, then arbitrary ones that drive the predictors to their limits.
        byte[] input = concat(encode(testSignal()), codes);
        short[] ours = decode(input);
        short[] reference = toShorts(reference("dec", input));
        assertEquals(input.length * 2, reference.length);
        int saturated = 0;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != reference[i]) {
                assertTrue(ours[i] == Short.MAX_VALUE || ours[i] == Short.MIN_VALUE,
                        "sample " + i + ": " + ours[i] + ", the reference " + reference[i]);
                saturated++;
            }
        }
        assertTrue(saturated < ours.length / 100, saturated + " samples saturated");
    }

    @Test
    void carriesSevenKilohertzSpeechBandThatNarrowbandCannot() {
        short[] tone = tone(6000, 8000, RATE);
        short[] heard = decode(encode(tone));
        short[] settled = Arrays.copyOfRange(heard, 1600, heard.length);
        assertTrue(Goertzel.dominatesAt(RATE, settled, 6000, 1000, 2000, 3000, 5000, 7000), "6 kHz comes through");
        assertTrue(snrDecibels(Arrays.copyOfRange(tone, 1600, tone.length), settled) > 15,
                "SNR " + snrDecibels(Arrays.copyOfRange(tone, 1600, tone.length), settled));
    }

    @Test
    void roundTripOfSpeechBandNoiseKeepsTheSignalWellAboveTheCodingNoise() {
        short[] signal = testSignal();
        short[] heard = decode(encode(signal));
        double snr = snrDecibels(signal, heard);
        assertTrue(snr > 12, "SNR " + snr + " dB");
        short[] silence = decode(encode(new short[3200]));
        for (short sample : Arrays.copyOfRange(silence, 320, silence.length)) {
            assertTrue(Math.abs(sample) < 16, "silence stays near silent: " + sample);
        }
    }

    @Test
    void aStatelessCodecIsNotWhatG722Is() {
        short[] frame = tone(1000, 320, RATE);
        AudioEncoder encoder = G722Codec.G722.newEncoder();
        byte[] first = new byte[encoder.maxPayload()];
        byte[] second = new byte[encoder.maxPayload()];
        assertEquals(160, encoder.encode(frame, first));
        encoder.encode(frame, second);
        assertFalse(Arrays.equals(first, second), "the second frame is coded against what the first taught the predictor");
        assertEquals(0, G722Codec.G722.newDecoder().conceal(new short[320]), "no concealment: a lost frame is silence");
    }

    private static short[] testSignal() {
        Random random = new Random(9);
        short[] signal = new short[4 * RATE];
        for (int i = 0; i < signal.length; i++) {
            double t = (double) i / RATE;
            // A chirp up to 7.5 kHz under a syllable-rate envelope, plus noise.
            double chirp = Math.sin(2 * Math.PI * (50 + 1850 * t) * t);
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            signal[i] = (short) Math.max(-32768, Math.min(32767, 12000 * envelope * chirp + random.nextGaussian() * 800));
        }
        // Full-scale square bursts (saturation) and a stretch of silence.
        for (int i = 2 * RATE; i < 2 * RATE + 1600; i++) {
            signal[i] = (short) ((i / 20) % 2 == 0 ? 32767 : -32768);
        }
        Arrays.fill(signal, 3 * RATE, 3 * RATE + 3200, (short) 0);
        return signal;
    }

    static byte[] encode(short[] signal) {
        AudioEncoder encoder = G722Codec.G722.newEncoder();
        byte[] out = new byte[signal.length / 2];
        byte[] payload = new byte[encoder.maxPayload()];
        short[] frame = new short[320];
        for (int at = 0; at < signal.length; at += 320) {
            System.arraycopy(signal, at, frame, 0, 320);
            System.arraycopy(payload, 0, out, at / 2, encoder.encode(frame, payload));
        }
        return out;
    }

    static short[] decode(byte[] codes) {
        AudioDecoder decoder = G722Codec.G722.newDecoder();
        short[] out = new short[codes.length * 2];
        short[] frame = new short[decoder.maxSamples()];
        for (int at = 0; at < codes.length; at += 160) {
            int samples = decoder.decode(codes, at, Math.min(160, codes.length - at), frame);
            System.arraycopy(frame, 0, out, 2 * at, samples);
        }
        return out;
    }

    static short[] tone(int frequency, int samples, int rate) {
        short[] tone = new short[samples];
        for (int i = 0; i < samples; i++) {
            tone[i] = (short) (10000 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return tone;
    }

    /** The ratio of the signal's power to that of the difference, best over small alignments. */
    static double snrDecibels(short[] sent, short[] heard) {
        double best = Double.NEGATIVE_INFINITY;
        for (int shift = 0; shift < 64; shift++) {
            double signal = 0;
            double noise = 0;
            for (int i = 0; i + shift < heard.length && i < sent.length; i++) {
                signal += (double) sent[i] * sent[i];
                double difference = heard[i + shift] - sent[i];
                noise += difference * difference;
            }
            best = Math.max(best, 10 * Math.log10(signal / Math.max(noise, 1)));
        }
        return best;
    }

    private byte[] reference(String mode, byte[] input) throws IOException, InterruptedException {
        Path tool = folder.resolve("g722-reference");
        Path source = folder.resolve("g722-reference.c");
        try (var in = G722CodecTest.class.getResourceAsStream("/g722-reference.c")) {
            Files.copy(in, source);
        }
        run("gcc", "-O1", "-o", tool.toString(), source.toString(), "-l:libspandsp.so.2");
        Path in = folder.resolve("in");
        Path out = folder.resolve("out");
        Files.write(in, input);
        run(tool.toString(), mode, in.toString(), out.toString());
        return Files.readAllBytes(out);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }

    private static byte[] toBytes(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return bytes.array();
    }

    private static short[] toShorts(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
