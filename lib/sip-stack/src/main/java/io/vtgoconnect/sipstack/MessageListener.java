package io.vtgoconnect.sipstack;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.SipListener;
import javax.sip.TransactionTerminatedEvent;

/**
 * A JAIN-SIP listener that acts on requests, responses and timeouts only: a request that cannot
 * be sent fails by its transaction's timeout, and the ends of transactions and dialogs are the
 * stack's own bookkeeping.
 */
public interface MessageListener extends SipListener {
    @Override
    default void processIOException(IOExceptionEvent event) {
    }

    @Override
    default void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    default void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
