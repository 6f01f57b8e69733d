package io.vtgoconnect.sipstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.SipStackExt;
import io.vtgoconnect.testing.peers.FreePorts;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the stack's timer keeps, seen from a call made on real sockets to a callee that answers by hand. */
class StackTimerTest {
    /** Far above a grid step, far below the stack's own linger of 1 s. */
    private static final long LINGER_BOUND_MILLIS = 400;
    private final BlockingQueue<ResponseEvent> responses = new LinkedBlockingQueue<>();
    private SipEndpoint endpoint;
    private DatagramSocket callee;

    @BeforeEach
    void open() throws Exception {
        callee = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        callee.setSoTimeout(10_000);
        // As the call server's: an ended dialog leaves the stack's table at the timer's next grid
        // step (the stack's own linger is 1 s), and its finished transactions keep their messages
        // only as bytes, not the dialog.
        endpoint = SipEndpoint.open(new HostPort("127.0.0.1", FreePorts.udpAndTcp()), new MessageListener() {
            @Override
            public void processRequest(RequestEvent event) {
            }

            @Override
            public void processResponse(ResponseEvent event) {
                responses.add(event);
            }

            @Override
            public void processTimeout(TimeoutEvent event) {
            }
        }, SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES, 100, Map.of("gov.nist.javax.sip.LINGER_TIMER", "1", StackTimer.LINGER_MILLIS, "1",
                "gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal"), Optional.empty(),
                TcpLimits.DEFAULT);
    }

    @AfterEach
    void close() {
        endpoint.close();
        callee.close();
    }

    @Test
    void aCallersDialogIsLetGoSoonAfterTheCallEndsInsteadOfBeingHeld32sForTheStacksCheckOfItsAck() throws Exception {
        WeakReference<Dialog> dialog = new WeakReference<>(callAndHangUp());
        Collected.await(dialog);
        assertNull(dialog.get(), "the ended call's dialog is still held 20 s after its BYE was answered");
    }

    @Test
    void anEndedDialogLeavesTheStacksTableWithinAFewGridStepsNotAfterTheStacksOneSecondLinger() throws Exception {
        Dialog dialog = callAndHangUp();
        long ended = System.nanoTime();
        SipStackExt stack = (SipStackExt) endpoint.provider().getSipStack();
        long deadline = ended + TimeUnit.MILLISECONDS.toNanos(LINGER_BOUND_MILLIS);
        while (stack.getDialogs().contains(dialog) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(StackTimer.GRID_MILLIS / 4));
        }
        assertFalse(stack.getDialogs().contains(dialog),
                "the ended call's dialog is still in the stack's table " + LINGER_BOUND_MILLIS + " ms after its BYE was answered");
    }

    @Test
    void aTimerFallsDueOnTheGridNeverEarlierThanAskedAndAtMostOneGridStepLater() {
        long step = TimeUnit.MILLISECONDS.toNanos(StackTimer.GRID_MILLIS);
        for (long now : new long[] {0, 1, step - 1, step, -7_000_000_123L, 123_456_789_012L}) {
            for (long delayMillis : new long[] {1, StackTimer.GRID_MILLIS - 1, StackTimer.GRID_MILLIS, 500, 32_000}) {
                long delay = StackTimer.onGrid(now, delayMillis);
                String which = delayMillis + " ms from " + now + " ns";
                assertEquals(0, Math.floorMod(now + delay, step), which + " is off the grid");
                assertTrue(delay >= TimeUnit.MILLISECONDS.toNanos(delayMillis), which + " falls due early");
                assertTrue(delay < TimeUnit.MILLISECONDS.toNanos(delayMillis) + step, which + " falls due more than a step late");
            }
            assertEquals(0, StackTimer.onGrid(now, 0), "a timer due now waits for no grid point");
        }
    }

    /** A call answered 200, ACKed, then hung up by this end and the BYE answered: the caller's dialog. */
    private Dialog callAndHangUp() throws Exception {
        ClientTransaction inviting = endpoint.provider().getNewClientTransaction(invite());
        Dialog dialog = endpoint.provider().getNewDialog(inviting);
        inviting.sendRequest();
        answer(Request.INVITE, ";tag=callee\r\nContact: <sip:2009@127.0.0.1:" + callee.getLocalPort() + ">");
        assertEquals(Response.OK, response().getResponse().getStatusCode());
        dialog.sendAck(dialog.createAck(1));
        assertTrue(receive().startsWith(Request.ACK + " "));

        dialog.sendRequest(endpoint.provider().getNewClientTransaction(dialog.createRequest(Request.BYE)));
        answer(Request.BYE, "");
        assertEquals(Response.OK, response().getResponse().getStatusCode());
        return dialog;
    }

    private Request invite() throws Exception {
        int port = endpoint.port(SipTransportKind.UDP);
        SipURI callee = endpoint.addresses.createSipURI("2009", "127.0.0.1");
        callee.setPort(this.callee.getLocalPort());
        SipURI caller = endpoint.addresses.createSipURI("2001", "127.0.0.1");
        Request invite = endpoint.messages.createRequest(callee, Request.INVITE, endpoint.provider().getNewCallId(),
                endpoint.headers.createCSeqHeader(1L, Request.INVITE),
                endpoint.headers.createFromHeader(endpoint.addresses.createAddress(caller), "caller"),
                endpoint.headers.createToHeader(endpoint.addresses.createAddress(callee), null),
                List.of(endpoint.headers.createViaHeader("127.0.0.1", port, "udp", null)),
                endpoint.headers.createMaxForwardsHeader(70));
        SipURI contact = endpoint.addresses.createSipURI("2001", "127.0.0.1");
        contact.setPort(port);
        invite.addHeader(endpoint.headers.createContactHeader(endpoint.addresses.createAddress(contact)));
        return invite;
    }

    /** The callee's 200 to the request it receives, which must be a {@code method}; {@code toTail} follows its To. */
    private void answer(String method, String toTail) throws IOException {
        String request = receive();
        assertTrue(request.startsWith(method + " "), request);
        String echoed = request.lines()
                .filter(line -> line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                        || line.startsWith("CSeq:"))
                .collect(Collectors.joining("\r\n"));
        String to = request.lines().filter(line -> line.startsWith("To:")).findFirst().orElseThrow();
        byte[] ok = ("SIP/2.0 200 OK\r\n" + echoed + "\r\n" + to + toTail + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        callee.send(new DatagramPacket(ok, ok.length, new InetSocketAddress("127.0.0.1", endpoint.port(SipTransportKind.UDP))));
    }

    private String receive() throws IOException {
        DatagramPacket datagram = new DatagramPacket(new byte[8192], 8192);
        callee.receive(datagram);
        return new String(datagram.getData(), 0, datagram.getLength(), StandardCharsets.UTF_8);
    }

    private ResponseEvent response() throws InterruptedException {
        ResponseEvent event = responses.poll(10, TimeUnit.SECONDS);
        assertTrue(event != null, "no response reached the caller");
        return event;
    }
}
