package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Drops every message that arrives once the endpoint closes, before the stack makes a transaction
 * of it, so that stopping the stack never interrupts a message half handled (JAIN-SIP then prints
 * a trace) and no stack thread runs the endpoint's code after it closed.
 */
final class ClosingValve implements SIPMessageValve {
    private volatile boolean closing;

    void close() {
        closing = true;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        return !closing;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return !closing;
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
