package io.vtgoconnect.media.bench;

import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.AudioDecoder;
import io.vtgoconnect.media.AudioEncoder;
import io.vtgoconnect.media.ToneSource;
import io.vtgoconnect.media.srtp.MasterKey;
import io.vtgoconnect.media.srtp.SrtpSuite;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Benchmark, not a test: the CPU cost of one 20 ms frame on one thread, for each codec (encode,
 * decode) and each SRTP suite (protect and check one 172-byte G.711 packet, RTP and the SRTCP
 * transform's twin). A call costs 50 frames a second each way. Run it with {@code bench/codec-cost.sh}.
 *
 * <p>Arguments: {@code [--seconds S]} measured per item after as long again of warm-up (5 s:
 * Concentus needs thousands of frames before the JIT has compiled it).
 */
public final class CodecCostBench {
    private CodecCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length == 2 && args[0].equals("--seconds") ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "Java %s, one thread, %d s an item after %d s of warm-up%n",
                System.getProperty("java.version"), seconds, seconds);
        System.out.printf(Locale.ROOT, "%-26s %12s %12s %14s%n", "item", "encode us", "decode us", "% CPU per call");
        for (AudioCodec codec : AudioCodec.all()) {
            measureCodec(codec, seconds);
        }
        for (SrtpSuite suite : SrtpSuite.values()) {
            measureSrtp(suite, seconds);
        }
    }

    private static void measureCodec(AudioCodec codec, int seconds) {
        AudioEncoder encoder = codec.newEncoder();
        AudioDecoder decoder = codec.newDecoder();
        ToneSource tone = ToneSource.at(codec.sampleRate(), 8000, 440, 1000, 3000);
        short[] frame = new short[codec.frameSamples()];
        byte[] payload = new byte[encoder.maxPayload()];
        short[] decoded = new short[decoder.maxSamples()];
        double[] encodeNanos = new double[1];
        double[] decodeNanos = new double[1];
        for (boolean warm : new boolean[] {false, true}) {
            long encodeTotal = 0;
            long decodeTotal = 0;
            long frames = 0;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                tone.read(frame);
                long start = System.nanoTime();
                int length = encoder.encode(frame, payload);
                long middle = System.nanoTime();
                decoder.decode(payload, 0, length, decoded);
                decodeTotal += System.nanoTime() - middle;
                encodeTotal += middle - start;
                frames++;
            }
            encodeNanos[0] = (double) encodeTotal / frames;
            decodeNanos[0] = (double) decodeTotal / frames;
        }
        print(codec.encodingName(), encodeNanos[0], decodeNanos[0]);
    }

    /** SrtpContext is internal to the bundle: reached the way a benchmark may, by reflection. */
    private static void measureSrtp(SrtpSuite suite, int seconds) throws Exception {
        Class<?> type = Class.forName("io.vtgoconnect.media.internal.SrtpContext");
        Constructor<?> make = type.getConstructor(SrtpSuite.class, MasterKey.class);
        MasterKey key = MasterKey.generate(new SecureRandom());
        Object sender = make.newInstance(suite, key);
        Object receiver = make.newInstance(suite, key);
        Method protect = type.getMethod("protectRtp", byte[].class, int.class);
        Method unprotect = type.getMethod("unprotectRtp", byte[].class, int.class);
        byte[] packet = new byte[172 + 10];
        packet[0] = (byte) 0x80;
        double protectNanos = 0;
        double unprotectNanos = 0;
        for (boolean warm : new boolean[] {false, true}) {
            long protectTotal = 0;
            long unprotectTotal = 0;
            long packets = 0;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (int sequence = 0; System.nanoTime() < end; sequence++) {
                packet[2] = (byte) (sequence >> 8);
                packet[3] = (byte) sequence;
                long start = System.nanoTime();
                int length = (int) protect.invoke(sender, packet, 172);
                long middle = System.nanoTime();
                unprotect.invoke(receiver, packet, length);
                unprotectTotal += System.nanoTime() - middle;
                protectTotal += middle - start;
                packets++;
            }
            protectNanos = (double) protectTotal / packets;
            unprotectNanos = (double) unprotectTotal / packets;
        }
        print("SRTP " + suite.sdesName(), protectNanos, unprotectNanos);
    }

    /** A call sends and receives 50 frames a second: its share of one processor. */
    private static void print(String item, double encodeNanos, double decodeNanos) {
        double percent = 50 * (encodeNanos + decodeNanos) / 1e9 * 100;
        System.out.printf(Locale.ROOT, "%-26s %12.2f %12.2f %14.3f%n", item, encodeNanos / 1000, decodeNanos / 1000,
                percent);
    }
}
