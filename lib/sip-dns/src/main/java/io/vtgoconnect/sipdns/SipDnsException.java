package io.vtgoconnect.sipdns;

/** A destination DNS could not turn into any target; the message is one plain sentence. */
public final class SipDnsException extends Exception {
    private static final long serialVersionUID = 1L;

    public SipDnsException(String message) {
        super(message);
    }
}
