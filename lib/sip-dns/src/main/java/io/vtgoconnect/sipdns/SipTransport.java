package io.vtgoconnect.sipdns;

/**
 * The SIP transports that DNS can name (RFC 3263): each with its NAPTR service field, its SRV
 * name prefix and its default port.
 */
public enum SipTransport {
    UDP("SIP+D2U", "_sip._udp.", 5060),
    TCP("SIP+D2T", "_sip._tcp.", 5060),
    TLS("SIPS+D2T", "_sips._tcp.", 5061);

    private final String naptrService;
    private final String srvPrefix;
    private final int defaultPort;

    SipTransport(String naptrService, String srvPrefix, int defaultPort) {
        this.naptrService = naptrService;
        this.srvPrefix = srvPrefix;
        this.defaultPort = defaultPort;
    }

    /** The NAPTR service field that names this transport, e.g. {@code SIP+D2U}. */
    public String naptrService() {
        return naptrService;
    }

    /** The start of the SRV name for a domain, e.g. {@code _sip._udp.}. */
    public String srvPrefix() {
        return srvPrefix;
    }

    /** 5060, or 5061 for TLS. */
    public int defaultPort() {
        return defaultPort;
    }
}
