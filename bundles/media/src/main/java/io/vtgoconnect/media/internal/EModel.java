package io.vtgoconnect.media.internal;

/**
 * A listening-quality estimate from the ITU-T G.107 E-model, simplified as in ITU-T G.113
 * appendix I and Cole and Rosenbluth (2001) for G.711 with random loss:
 * <pre>
 *   R     = 93.2 - Id - Ie,eff                                   (default G.107 values, A = 0)
 *   Id    = 0.024 d + 0.11 (d - 177.3) H(d - 177.3)               d = one-way mouth-to-ear delay in ms
 *   Ie,eff = Ie + (95 - Ie) Ppl / (Ppl + Bpl)                     G.711: Ie = 0, Bpl = 4.3 (no concealment)
 *   MOS   = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R)               clamped to 1 .. 4.5
 * </pre>
 * Ppl is the percentage of packets lost or discarded; H is the unit step. With no loss and no
 * delay the estimate is 4.41, the best G.711 can score.
 */
public final class EModel {
    private static final double R0 = 93.2;
    private static final double IE_G711 = 0;
    private static final double BPL_G711 = 4.3;

    private EModel() {
    }

    /** The estimated MOS for this loss (percent of packets) and one-way delay (ms). */
    public static double mos(double lossPercent, double oneWayDelayMillis) {
        double loss = Math.max(0, Math.min(100, lossPercent));
        double delay = Math.max(0, oneWayDelayMillis);
        double delayImpairment = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
        double lossImpairment = IE_G711 + (95 - IE_G711) * loss / (loss + BPL_G711);
        double r = R0 - delayImpairment - lossImpairment;
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
    }
}
