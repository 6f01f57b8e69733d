package io.vtgoconnect.testing.peers;

import java.nio.charset.StandardCharsets;

/** The smallest request a SIP endpoint answers: an OPTIONS over UDP on loopback, as the flood and liveness tests send it. */
public final class SipProbe {
    private SipProbe() {
    }

    /**
     * An OPTIONS to the endpoint at the port, from a socket at {@code fromPort}, a transaction of its
     * own: its Via branch is {@code z9hG4bK} + branch, and its Call-ID the branch too.
     */
    public static byte[] options(int toPort, int fromPort, String branch) {
        return ("OPTIONS sip:127.0.0.1:" + toPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=z9hG4bK" + branch + "\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
