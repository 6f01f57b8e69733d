package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipstack.SipEndpoint;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import org.osgi.service.log.LoggerFactory;

/**
 * What every part of the running phone sends through: the SIP endpoint, its message builder and
 * its request sender; and the Log Service, where each part finds its logger.
 */
record PhoneStack(SipEndpoint endpoint, SipMessages messages, RequestSender sender, LoggerFactory logs) {

    /** Answers the request with a bare status. */
    void respond(ServerTransaction transaction, int status) throws ParseException, SipException, InvalidArgumentException {
        transaction.sendResponse(endpoint.messages.createResponse(status, transaction.getRequest()));
    }
}
