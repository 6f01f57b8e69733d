package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipdns.SipDestination;
import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.SipEndpoint;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Builds the phone's out-of-dialog requests for a line: addresses, Via, Contact and the mandatory headers. */
final class SipMessages {
    /** What the dialog gives each of its requests itself, in lower case; the rest is the request's own. */
    private static final Set<String> DIALOG_HEADERS = Set.of("via", "cseq", "call-id", "from", "to", "route",
            "max-forwards", "content-length", "content-type", "authorization", "proxy-authorization");
    private final SipEndpoint endpoint;
    private final String userAgent;

    SipMessages(SipEndpoint endpoint, String userAgent) {
        this.endpoint = endpoint;
        this.userAgent = userAgent;
    }

    /** The line's address of record, {@code sip:user@registrar} ({@code sips:} for a line whose registrar is). */
    Address addressOfRecord(SipLine line) throws ParseException {
        SipURI uri = endpoint.addresses.createSipURI(line.sipUser(), line.registrarUriHost());
        uri.setSecure(line.secure());
        return endpoint.addresses.createAddress(uri);
    }

    /**
     * A number on the line's call server: {@code sip:number@registrar:port;transport=...}, with no
     * port for a host name that DNS gives the port of (the stack sends it where it was located).
     */
    SipURI numberUri(SipLine line, String number) throws ParseException {
        SipURI uri = endpoint.addresses.createSipURI(number, line.registrarUriHost());
        line.registrarPort().ifPresent(uri::setPort);
        withTransport(uri, line);
        return uri;
    }

    /**
     * A sips: URI for a line whose registrar is one, which says TLS by itself (RFC 5630 3.1.3: no
     * transport=tls); else the line's transport as a parameter.
     */
    private static void withTransport(SipURI uri, SipLine line) throws ParseException {
        if (line.secure()) {
            uri.setSecure(true);
        } else {
            uri.setTransportParam(line.transport().protocol());
        }
    }

    /**
     * Where a destination the user gave is: a SIP URI as written ({@code sip:2004@192.0.2.7:5060},
     * which the stack sends straight to that address), else a number on the line's call server.
     * @throws ParseException for a URI that does not parse, or whose host is not an IP address (nothing is resolved here)
     */
    SipURI destinationUri(SipLine line, String destination) throws ParseException {
        if (!destination.regionMatches(true, 0, "sip:", 0, 4) && !destination.regionMatches(true, 0, "sips:", 0, 5)) {
            return numberUri(line, destination);
        }
        SipURI uri = (SipURI) endpoint.addresses.createURI(destination);
        if (!HostPort.isUriIpLiteral(uri.getHost())) {
            throw new ParseException("its host " + uri.getHost() + " is not an IPv4 address or an IPv6 address in"
                    + " brackets, and a SIP URI is called only at an IP address (a number goes through the line's"
                    + " call server)", 0);
        }
        return uri;
    }

    /** The call server itself, {@code sip:registrar:port;transport=...}. */
    SipURI serverUri(SipLine line) throws ParseException {
        return numberUri(line, null);
    }

    ContactHeader contact(SipLine line) throws ParseException {
        SipURI uri = endpoint.addresses.createSipURI(line.sipUser(), endpoint.local.uriHost());
        uri.setPort(endpoint.port(line.transport()));
        withTransport(uri, line);
        return endpoint.headers.createContactHeader(endpoint.addresses.createAddress(uri));
    }

    /**
     * {@code sip:proxy:port;transport=...;lr}: the stack sends the request there, its Request-URI
     * unchanged; with no port for a host name that DNS gives the port of.
     */
    private SipURI proxyUri(SipLine line, SipDestination proxy) throws ParseException {
        SipURI uri = endpoint.addresses.createSipURI(null, SipLine.uriHost(proxy));
        SipLine.portOf(proxy).ifPresent(uri::setPort);
        withTransport(uri, line);
        uri.setLrParam();
        return uri;
    }

    CallIdHeader newCallId() {
        return endpoint.provider().getNewCallId();
    }

    /**
     * A request from the line to {@code to}, with a new From tag, sent to {@code requestUri} (through
     * the line's outbound proxy, when it has one).
     */
    Request request(SipLine line, String method, SipURI requestUri, Address to, CallIdHeader callId, long cseq)
            throws ParseException, InvalidArgumentException {
        ViaHeader via = endpoint.headers.createViaHeader(endpoint.local.host(), endpoint.port(line.transport()),
                line.transport().protocol(), null);
        Request request = endpoint.messages.createRequest(requestUri, method, callId,
                endpoint.headers.createCSeqHeader(cseq, method),
                endpoint.headers.createFromHeader(addressOfRecord(line), MessageParts.newTag()),
                endpoint.headers.createToHeader(to, null), List.of(via),
                endpoint.headers.createMaxForwardsHeader(MessageParts.MAX_FORWARDS));
        request.addHeader(contact(line));
        request.addHeader(endpoint.headers.createUserAgentHeader(List.of(userAgent)));
        if (line.outboundProxy().isPresent()) {
            request.addHeader(endpoint.headers.createRouteHeader(endpoint.addresses.createAddress(
                    proxyUri(line, line.outboundProxy().get()))));
        }
        return request;
    }

    /** A copy of the request, one CSeq later with a fresh Via branch, to be sent again with credentials. */
    Request resend(Request request) throws ParseException, InvalidArgumentException {
        Request copy = (Request) request.clone();
        ViaHeader via = (ViaHeader) copy.getHeader(ViaHeader.NAME);
        via.removeParameter("branch");
        CSeqHeader cseq = (CSeqHeader) copy.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        return copy;
    }

    /**
     * The request again as the dialog's next one: a new CSeq from the dialog, with the original's
     * headers (but its credentials) and body, to be sent with credentials.
     */
    Request nextInDialog(Dialog dialog, Request request) throws SipException, ParseException {
        Request next = dialog.createRequest(request.getMethod());
        for (ListIterator<?> names = request.getHeaderNames(); names.hasNext(); ) {
            String name = (String) names.next();
            if (!DIALOG_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                next.removeHeader(name);
                for (ListIterator<?> values = request.getHeaders(name); values.hasNext(); ) {
                    next.addHeader((Header) values.next());
                }
            }
        }
        if (request.getRawContent() != null) {
            next.setContent(request.getRawContent(), (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME));
        }
        return next;
    }

    HeaderFactory headers() {
        return endpoint.headers;
    }
}
