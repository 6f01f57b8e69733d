package io.vtgoconnect.sipstack;

/** Whether a line's calls protect their media with SRTP (RFC 3711), keyed by SDES (RFC 4568). */
public enum SrtpMode {
    /** Plain RTP: no {@code a=crypto} offered; an offer that requires SRTP ({@code RTP/SAVP}) is refused. */
    OFF,
    /**
     * SRTP when the far end takes it: offers are {@code RTP/AVP} with {@code a=crypto} lines (the
     * best-effort practice of baresip, linphone and many desk phones), an answer without one
     * leaves the call plain; offers of either kind are answered with SRTP when they carry a line.
     */
    OPTIONAL,
    /** SRTP or no call: offers are {@code RTP/SAVP}, and a call the far end will not protect is refused or ended. */
    MANDATORY
}
