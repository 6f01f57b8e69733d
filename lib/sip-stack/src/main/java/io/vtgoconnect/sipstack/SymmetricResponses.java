package io.vtgoconnect.sipstack;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPEventInterceptor;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.message.Message;

/**
 * Sees each message the stack reads over UDP before the stack looks at its top Via. A request is
 * answered where it came from, as if it had asked with {@code rport} (RFC 3581): its top Via gets
 * {@code rport} and loses {@code maddr}, so that no response goes to an address or port the
 * message only names. The Via's hop is remembered while the stack reads the request, so that
 * {@link LiteralAddressResolver} takes a Via that names a host: the stack only reads that hop's
 * port, and answers to the {@code received} address it adds.
 */
final class SymmetricResponses implements SIPEventInterceptor {
    private static final ThreadLocal<Hop> RECEIVING = new ThreadLocal<>();

    @Override
    public void beforeMessage(Message message) {
        RECEIVING.remove();
        if (message instanceof SIPRequest request && request.getTopmostVia() != null) {
            Via via = request.getTopmostVia();
            via.removeParameter(Via.MADDR);
            via.setRPort();
            RECEIVING.set(via.getHop());
        }
    }

    @Override
    public void afterMessage(Message message) {
        RECEIVING.remove();
    }

    /** Whether the hop is the top Via of the request this thread is reading. */
    static boolean isViaBeingReceived(Hop hop) {
        Hop via = RECEIVING.get();
        return via != null && via.getHost().equalsIgnoreCase(hop.getHost()) && via.getPort() == hop.getPort();
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
