package io.vtgoconnect.media.internal;

import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.MediaEngine;

/**
 * A listening-quality estimate from the ITU-T E-model, simplified as in ITU-T G.113 appendix I
 * and Cole and Rosenbluth (2001), on the scale of the call's band:
 * <pre>
 *   narrowband (G.107):     R = 93.2 - Id - Ie,eff
 *   wideband (G.107.1):     R = (129 - 1.29 Id - Ie,eff) / 1.29       (expressed on the narrowband R scale)
 *   Id     = 0.024 d + 0.11 (d - 177.3) H(d - 177.3)                   d = one-way mouth-to-ear delay in ms
 *   Ie,eff = Ie + (Ro - Ie) Ppl / (Ppl + Bpl)                          Ro = 95 narrowband, 129 wideband
 *   MOS    = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R)                   clamped to 1 .. 4.5
 * </pre>
 * Ppl is the percentage of packets lost or discarded; H is the unit step; Ie and Bpl are the
 * codec's ({@link AudioCodec#equipmentImpairment()}, {@link AudioCodec#packetLossRobustness()}).
 * With no loss and no delay G.711 scores 4.41 on its scale, G.722 4.34 and Opus 4.39 on theirs
 * (where G.711 would score 3.7).
 */
public final class EModel {
    private static final double R0_NARROWBAND = 93.2;
    private static final double LOSS_CEILING_NARROWBAND = 95;
    private static final double R0_WIDEBAND = 129;
    private static final double WIDEBAND_SCALE = 1.29;

    private EModel() {
    }

    /** The estimated MOS of a call in this codec for this loss (percent of packets) and one-way delay (ms). */
    public static double mos(AudioCodec codec, double lossPercent, double oneWayDelayMillis) {
        double loss = Math.max(0, Math.min(100, lossPercent));
        double delay = Math.max(0, oneWayDelayMillis);
        double delayImpairment = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
        double ie = codec.equipmentImpairment();
        double bpl = codec.packetLossRobustness();
        double r;
        if (codec.sampleRate() == MediaEngine.SAMPLE_RATE) {
            r = R0_NARROWBAND - delayImpairment - (ie + (LOSS_CEILING_NARROWBAND - ie) * loss / (loss + bpl));
        } else {
            double lossImpairment = ie + (R0_WIDEBAND - ie) * loss / (loss + bpl);
            r = (R0_WIDEBAND - WIDEBAND_SCALE * delayImpairment - lossImpairment) / WIDEBAND_SCALE;
        }
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
    }
}
