package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipstack.MessageParts;
import io.vtgoconnect.sipstack.SipEndpoint;
import java.text.ParseException;
import java.util.List;
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
    private final SipEndpoint endpoint;
    private final String userAgent;

    SipMessages(SipEndpoint endpoint, String userAgent) {
        this.endpoint = endpoint;
        this.userAgent = userAgent;
    }

    /** The line's address of record, {@code sip:user@registrar}. */
    Address addressOfRecord(SipLine line) throws ParseException {
        return endpoint.addresses.createAddress(endpoint.addresses.createSipURI(line.sipUser(), line.registrar().uriHost()));
    }

    /** A number on the line's call server: {@code sip:number@registrar:port;transport=...}. */
    SipURI numberUri(SipLine line, String number) throws ParseException {
        SipURI uri = endpoint.addresses.createSipURI(number, line.registrar().uriHost());
        uri.setPort(line.registrar().port());
        uri.setTransportParam(line.transport().protocol());
        return uri;
    }

    /** The call server itself, {@code sip:registrar:port;transport=...}. */
    SipURI serverUri(SipLine line) throws ParseException {
        return numberUri(line, null);
    }

    ContactHeader contact(SipLine line) throws ParseException {
        SipURI uri = endpoint.addresses.createSipURI(line.sipUser(), endpoint.local.uriHost());
        uri.setPort(endpoint.local.port());
        uri.setTransportParam(line.transport().protocol());
        return endpoint.headers.createContactHeader(endpoint.addresses.createAddress(uri));
    }

    CallIdHeader newCallId() {
        return endpoint.provider().getNewCallId();
    }

    /** A request from the line to {@code to}, with a new From tag, sent to {@code requestUri}. */
    Request request(SipLine line, String method, SipURI requestUri, Address to, CallIdHeader callId, long cseq)
            throws ParseException, InvalidArgumentException {
        ViaHeader via = endpoint.headers.createViaHeader(endpoint.local.host(), endpoint.local.port(),
                line.transport().protocol(), null);
        Request request = endpoint.messages.createRequest(requestUri, method, callId,
                endpoint.headers.createCSeqHeader(cseq, method),
                endpoint.headers.createFromHeader(addressOfRecord(line), MessageParts.newTag()),
                endpoint.headers.createToHeader(to, null), List.of(via),
                endpoint.headers.createMaxForwardsHeader(MessageParts.MAX_FORWARDS));
        request.addHeader(contact(line));
        request.addHeader(endpoint.headers.createUserAgentHeader(List.of(userAgent)));
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

    HeaderFactory headers() {
        return endpoint.headers;
    }
}
