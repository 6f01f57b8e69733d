package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.vtgoconnect.testing.peers.FreePorts;
import io.vtgoconnect.testing.peers.Sipp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A SIPp caller hangs up a call to a SIPp line: the server ends the line's leg with a BYE of its
 * own over UDP, and lets go of that BYE's transaction 0.5 s after its 200 came, where the stack would
 * keep it 5 s (Timer K, T4 over UDP) to absorb the 200 sent again, or 32 s (Timer F) when the 200
 * outran the stack's start of the transaction's timer, as it does now and then on a busy machine.
 */
class ServerByeTest {
    private static final String SIPP_LINE = "2009";
    /** Well below Timer K over UDP (T4, 5 s): the call's INVITE transaction is gone by then too. */
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(3);

    @Test
    void theServersByeIsLetGoOfSoonAfterItsAnswer() throws Exception {
        int uasPort = FreePorts.udpAndTcp();
        try (EmbeddedServer server = new EmbeddedServer("digest_algorithms", new String[] {"MD5"}, "public_numbers",
                new String[] {SIPP_LINE}); Sipp uas = Sipp.uas(uasPort, "uas-answer")) {
            Sipp.register(server.sipPort, SIPP_LINE, EmbeddedServer.password(SIPP_LINE), "127.0.0.1:" + uasPort, 300);
            try (Sipp uac = Sipp.uac("uac-call", server.sipPort, SIPP_LINE)) {
                uac.awaitSuccess();
            }
            // The line's SIPp ends once it has answered the server's BYE.
            uas.awaitSuccess();
            SIPTransactionStack stack = (SIPTransactionStack) server.server.server().board().sip().provider().getSipStack();
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (stack.getClientTransactionTableSize() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertEquals(0, stack.getClientTransactionTableSize(), "client transactions the server still holds");
        }
    }
}
