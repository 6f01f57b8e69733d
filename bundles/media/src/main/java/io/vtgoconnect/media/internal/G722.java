package io.vtgoconnect.media.internal;

/**
 * ITU-T G.722 sub-band ADPCM at 64 kbit/s (mode 1), as the Recommendation specifies it block by
 * block (its section 6 and the fixed-point arithmetic of its reference code): a 24-tap QMF splits
 * 16 kHz audio into two 8 kHz sub-bands, the lower one coded with 6 bits a sample, the higher
 * one with 2. One byte carries one pair of sub-band samples (two audio samples): the higher
 * band's two bits above the lower band's six. Each instance is one encoder or decoder state,
 * starting from the Recommendation's reset values.
 */
public final class G722 {
    private static final int[] QMF = {3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11};
    /** Lower-band quantizer decision levels (QUANTL). */
    private static final int[] Q6 = {0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714, 786,
        858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0};
    private static final int[] ILN = {0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15,
        14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0};
    private static final int[] ILP = {0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43,
        42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0};
    private static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    private static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    private static final int[] ILB = {2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656,
        2714, 2774, 2834, 2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922,
        4008};
    private static final int[] QM4 = {0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288,
        4240, 2584, 1200, 0};
    private static final int[] QM6 = {-136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280,
        -11192, -10232, -9360, -8576, -7856, -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776,
        -2400, -2032, -1688, -1360, -1040, -728, 24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360,
        8576, 7856, 7192, 6576, 6000, 5456, 4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728,
        432, 136, -432, -136};
    private static final int[] QM2 = {-7408, -1616, 7408, 1616};
    private static final int[] IHN = {0, 1, 0};
    private static final int[] IHP = {0, 3, 2};
    private static final int[] WH = {0, -214, 798};
    private static final int[] RH2 = {2, 1, 2, 1};

    private final Band low = new Band(32);
    private final Band high = new Band(8);
    /** The QMF's delay line: the last 24 samples in (encoder) or the last 12 sub-band pairs (decoder). */
    private final int[] qmf = new int[24];

    /**
     * Encodes {@code 2 * count} samples of 16 kHz audio from {@code pcm} into {@code count}
     * bytes of {@code out}.
     */
    public void encode(short[] pcm, int count, byte[] out) {
        for (int j = 0; j < count; j++) {
            System.arraycopy(qmf, 2, qmf, 0, 22);
            qmf[22] = pcm[2 * j];
            qmf[23] = pcm[2 * j + 1];
            int sumEven = 0;
            int sumOdd = 0;
            for (int i = 0; i < 12; i++) {
                sumOdd += qmf[2 * i] * QMF[i];
                sumEven += qmf[2 * i + 1] * QMF[11 - i];
            }
            int xLow = (sumEven + sumOdd) >> 14;
            int xHigh = (sumEven - sumOdd) >> 14;
            int iLow = encodeLow(xLow);
            int iHigh = encodeHigh(xHigh);
            out[j] = (byte) (iHigh << 6 | iLow);
        }
    }

    /** Decodes {@code count} bytes of {@code in} from {@code offset} into {@code 2 * count} samples of 16 kHz audio. */
    public void decode(byte[] in, int offset, int count, short[] out) {
        for (int j = 0; j < count; j++) {
            int code = in[offset + j] & 0xFF;
            int rLow = decodeLow(code & 0x3F);
            int rHigh = decodeHigh(code >> 6);
            System.arraycopy(qmf, 2, qmf, 0, 22);
            qmf[22] = rLow + rHigh;
            qmf[23] = rLow - rHigh;
            int out1 = 0;
            int out2 = 0;
            for (int i = 0; i < 12; i++) {
                out2 += qmf[2 * i] * QMF[i];
                out1 += qmf[2 * i + 1] * QMF[11 - i];
            }
            out[2 * j] = (short) saturate(out1 >> 11);
            out[2 * j + 1] = (short) saturate(out2 >> 11);
        }
    }

    private int encodeLow(int xLow) {
        // SUBTRA, QUANTL
        int el = saturate(xLow - low.s);
        int wd = el >= 0 ? el : -(el + 1);
        int i = 1;
        while (i < 30 && wd >= (Q6[i] * low.det) >> 12) {
            i++;
        }
        int iLow = el < 0 ? ILN[i] : ILP[i];
        adaptLow(iLow >> 2);
        return iLow;
    }

    private int decodeLow(int iLow) {
        // INVQBL, RECONS, LIMIT: the reconstructed signal uses all six bits.
        int rLow = low.s + ((low.det * QM6[iLow]) >> 15);
        rLow = Math.max(-16384, Math.min(16383, rLow));
        adaptLow(iLow >> 2);
        return rLow;
    }

    /** INVQAL, LOGSCL, SCALEL and the predictor, from the four most significant bits. */
    private void adaptLow(int ril) {
        int dLow = (low.det * QM4[ril]) >> 15;
        low.nb = Math.max(0, Math.min(18432, ((low.nb * 127) >> 7) + WL[RL42[ril]]));
        low.det = scale(low.nb, 8);
        low.update(dLow);
    }

    private int encodeHigh(int xHigh) {
        // SUBTRA, QUANTH
        int eh = saturate(xHigh - high.s);
        int wd = eh >= 0 ? eh : -(eh + 1);
        int mih = wd >= (564 * high.det) >> 12 ? 2 : 1;
        int iHigh = eh < 0 ? IHN[mih] : IHP[mih];
        adaptHigh(iHigh);
        return iHigh;
    }

    private int decodeHigh(int iHigh) {
        int dHigh = (high.det * QM2[iHigh]) >> 15;
        int rHigh = Math.max(-16384, Math.min(16383, dHigh + high.s));
        adaptHigh(iHigh);
        return rHigh;
    }

    /** INVQAH, LOGSCH, SCALEH and the predictor. */
    private void adaptHigh(int iHigh) {
        int dHigh = (high.det * QM2[iHigh]) >> 15;
        high.nb = Math.max(0, Math.min(22528, ((high.nb * 127) >> 7) + WH[RH2[iHigh]]));
        high.det = scale(high.nb, 10);
        high.update(dHigh);
    }

    /** SCALEL/SCALEH: the quantizer scale factor from the log scale factor. */
    private static int scale(int nb, int shift) {
        int wd1 = (nb >> 6) & 31;
        int wd2 = shift - (nb >> 11);
        int wd3 = wd2 < 0 ? ILB[wd1] << -wd2 : ILB[wd1] >> wd2;
        return wd3 << 2;
    }

    static int saturate(int value) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    /** One sub-band's adaptive predictor: two poles, six zeros (block 4 of the Recommendation). */
    private static final class Band {
        int s;
        int sp;
        int sz;
        int nb;
        int det;
        final int[] r = new int[3];
        final int[] a = new int[3];
        final int[] ap = new int[3];
        final int[] p = new int[3];
        final int[] d = new int[7];
        final int[] b = new int[7];
        final int[] bp = new int[7];
        final int[] sg = new int[7];

        Band(int det) {
            this.det = det;
        }

        void update(int dq) {
            // RECONS, PARREC
            d[0] = dq;
            r[0] = saturate(s + dq);
            p[0] = saturate(sz + dq);
            // UPPOL2
            for (int i = 0; i < 3; i++) {
                sg[i] = p[i] >> 15;
            }
            int wd1 = saturate(a[1] << 2);
            int wd2 = sg[0] == sg[1] ? -wd1 : wd1;
            wd2 = Math.min(wd2, Short.MAX_VALUE);
            int wd3 = (wd2 >> 7) + (sg[0] == sg[2] ? 128 : -128);
            wd3 += (a[2] * 32512) >> 15;
            ap[2] = Math.max(-12288, Math.min(12288, wd3));
            // UPPOL1
            sg[0] = p[0] >> 15;
            sg[1] = p[1] >> 15;
            wd1 = sg[0] == sg[1] ? 192 : -192;
            wd2 = (a[1] * 32640) >> 15;
            ap[1] = saturate(wd1 + wd2);
            wd3 = saturate(15360 - ap[2]);
            ap[1] = Math.max(-wd3, Math.min(wd3, ap[1]));
            // UPZERO
            wd1 = dq == 0 ? 0 : 128;
            sg[0] = dq >> 15;
            for (int i = 1; i < 7; i++) {
                sg[i] = d[i] >> 15;
                wd2 = sg[i] == sg[0] ? wd1 : -wd1;
                wd3 = (b[i] * 32640) >> 15;
                bp[i] = saturate(wd2 + wd3);
            }
            // DELAYA
            for (int i = 6; i > 0; i--) {
                d[i] = d[i - 1];
                b[i] = bp[i];
            }
            for (int i = 2; i > 0; i--) {
                r[i] = r[i - 1];
                p[i] = p[i - 1];
                a[i] = ap[i];
            }
            // FILTEP
            wd1 = saturate(r[1] + r[1]);
            wd1 = (a[1] * wd1) >> 15;
            wd2 = saturate(r[2] + r[2]);
            wd2 = (a[2] * wd2) >> 15;
            sp = saturate(wd1 + wd2);
            // FILTEZ
            int zeros = 0;
            for (int i = 6; i > 0; i--) {
                zeros += (b[i] * saturate(d[i] + d[i])) >> 15;
            }
            sz = saturate(zeros);
            // PREDIC
            s = saturate(sp + sz);
        }
    }
}
