package io.vtgoconnect.media.internal;

/**
 * The G.711 companding laws as in the ITU-T G.191 reference code, sample by sample. The JDK's
 * javax.sound.sampled decodes both laws exactly like this, but its encoders are not usable:
 * u-law wraps samples near full scale to silence, and A-law rounds negative samples to the
 * neighbouring code at 896 of the 65536 inputs.
 */
public final class G711 {
    private G711() {
    }

    /** Encodes a 16-bit sample with u-law (G.191 {@code ulaw_compress}). */
    public static byte linearToUlaw(int sample) {
        int magnitude = (sample < 0 ? ~sample : sample) >> 2;
        int biased = Math.min(magnitude + 33, 0x1FFF);
        int segment = 1;
        for (int i = biased >> 6; i != 0; i >>= 1) {
            segment++;
        }
        int code = ((8 - segment) << 4) | (15 - ((biased >> segment) & 0xF));
        return (byte) (sample >= 0 ? code | 0x80 : code);
    }

    /** Decodes a u-law code to a 16-bit sample (G.191 {@code ulaw_expand}). */
    public static short ulawToLinear(int code) {
        int inverted = ~code;
        int exponent = (inverted >> 4) & 0x7;
        int step = 4 << (exponent + 1);
        int magnitude = (0x80 << exponent) + step * (inverted & 0xF) + step / 2 - 4 * 33;
        return (short) ((code & 0x80) != 0 ? magnitude : -magnitude);
    }

    /** Encodes a 16-bit sample with A-law (G.191 {@code alaw_compress}). */
    public static byte linearToAlaw(int sample) {
        int code = (sample < 0 ? ~sample : sample) >> 4;
        if (code > 15) {
            int exponent = 1;
            while (code > 16 + 15) {
                code >>= 1;
                exponent++;
            }
            code = code - 16 + (exponent << 4);
        }
        if (sample >= 0) {
            code |= 0x80;
        }
        return (byte) (code ^ 0x55);
    }

    /** Decodes an A-law code to a 16-bit sample (G.191 {@code alaw_expand}). */
    public static short alawToLinear(int code) {
        int value = (code ^ 0x55) & 0x7F;
        int exponent = value >> 4;
        int mantissa = value & 0xF;
        if (exponent > 0) {
            mantissa += 16;
        }
        mantissa = (mantissa << 4) + 8;
        if (exponent > 1) {
            mantissa <<= exponent - 1;
        }
        return (short) ((code & 0x80) != 0 ? mantissa : -mantissa);
    }
}
