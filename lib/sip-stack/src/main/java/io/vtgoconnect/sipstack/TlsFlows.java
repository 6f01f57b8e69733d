package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.HopImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ListeningPoint;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;

/**
 * A TLS peer is reached back over the connection it opened (RFC 3261 18.2.2, as a phone behind NAT
 * is): a phone's TLS listener has no certificate a call server would trust, and its Via and Contact
 * name that listener. So the address a TLS request's top Via names is remembered with the port the
 * request came from, and a request to that address later goes to that port, where the stack finds
 * the connection still open. At most {@value #MOST} addresses are remembered: beyond, newer ones
 * are not, and their peers are reached at the address they name.
 */
final class TlsFlows implements SIPMessageValve {
    static final int MOST = 100_000;
    private final Map<String, Integer> sourcePorts = new ConcurrentHashMap<>();

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        ViaHeader via = request.getTopmostViaHeader();
        if (via != null && ListeningPoint.TLS.equalsIgnoreCase(channel.getTransport())
                && HostPort.unbracketed(via.getHost()).equals(HostPort.unbracketed(channel.getPeerAddress())) && via.getPort() > 0 && via.getPort() != channel.getPeerPort()) {
            String key = key(via.getHost(), via.getPort());
            if (sourcePorts.size() < MOST || sourcePorts.containsKey(key)) {
                sourcePorts.put(key, channel.getPeerPort());
            }
        }
        return true;
    }

    /** The hop, or for a TLS hop to an address a peer's connection came from, that connection's port. */
    Hop over(Hop hop) {
        if (!ListeningPoint.TLS.equalsIgnoreCase(hop.getTransport())) {
            return hop;
        }
        Integer source = sourcePorts.get(key(hop.getHost(), hop.getPort()));
        return source == null ? hop : new HopImpl(hop.getHost(), source, hop.getTransport());
    }

    private static String key(String host, int port) {
        return HostPort.unbracketed(host) + "|" + port;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
