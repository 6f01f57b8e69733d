package io.vtgoconnect.media.srtp;

import java.util.Arrays;
import java.util.Optional;

/**
 * The SRTP crypto suites of RFC 4568 section 6.2 that the engine speaks: AES in counter mode
 * with a 128-bit master key and a 112-bit master salt, HMAC-SHA1 authentication with an 80-bit
 * or a 32-bit tag on RTP. SRTCP always carries the 80-bit tag (RFC 4568 section 6.2.2).
 */
public enum SrtpSuite {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4);

    /** Bytes of the master key. */
    public static final int MASTER_KEY_LENGTH = 16;
    /** Bytes of the master salt. */
    public static final int MASTER_SALT_LENGTH = 14;
    /** Bytes of the SRTCP authentication tag, whatever the suite. */
    public static final int SRTCP_TAG_LENGTH = 10;

    private final int rtpTagLength;

    SrtpSuite(int rtpTagLength) {
        this.rtpTagLength = rtpTagLength;
    }

    /** Bytes of the authentication tag of an SRTP packet. */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** The suite's name in {@code a=crypto}, which is also its constant's. */
    public String sdesName() {
        return name();
    }

    /** The suite of an {@code a=crypto} name, case-sensitive as RFC 4568 registers them. */
    public static Optional<SrtpSuite> named(String name) {
        return Arrays.stream(values()).filter(suite -> suite.sdesName().equals(name)).findFirst();
    }
}
