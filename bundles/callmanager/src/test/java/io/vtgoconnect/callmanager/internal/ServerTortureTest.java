package io.vtgoconnect.callmanager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vtgoconnect.api.CallRef;
import io.vtgoconnect.api.LineState;
import io.vtgoconnect.testing.peers.SentPackets;
import io.vtgoconnect.testing.peers.SipProbe;
import io.vtgoconnect.testing.peers.TortureCorpus;
import io.vtgoconnect.transport.sip.internal.RegisteredPhone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The RFC 4475 torture messages sent to the call server's UDP port. */
class ServerTortureTest {
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:call-id|i)[ \\t]*:[ \\t]*(\\S+)");
    private static final String SILENT = "no answer";

    @Test
    void answersEachTortureMessageAsTheRfcSaysAndSendsNothingOffTheMachine() throws Exception {
        List<Path> messages = TortureCorpus.messages();
        SentPackets sent = SentPackets.ofThisProcess();
        int testPort;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(10_000);
            testPort = socket.getLocalPort();
            // Many messages share a branch (z9hG4bKkdjuw), which the stack takes for a retransmission
            // while the first one's transaction lingers: each goes to a server that saw no other.
            // Stopping a server takes the stack about a second: they stop side by side.
            Map<String, String> answers = new TreeMap<>();
            ExecutorService stopping = Executors.newCachedThreadPool();
            try {
                for (Path message : messages) {
                    EmbeddedServer server = new EmbeddedServer("sip_workers", 1);
                    try {
                        answers.put(message.getFileName().toString(), answer(socket, server, message));
                    } finally {
                        stopping.execute(server::close);
                    }
                }
            } finally {
                stopping.shutdown();
                assertTrue(stopping.awaitTermination(30, TimeUnit.SECONDS), "The servers did not stop within 30 s");
            }
            assertEquals(rfc4475(), answers);

            try (EmbeddedServer server = new EmbeddedServer("sip_workers", 1)) {
                for (Path message : messages) {
                    answer(socket, server, message);
                }
                try (RegisteredPhone a = server.phone("2001")) {
                    CallRef call = a.phone.dial(1, "2004");
                    a.await(call, LineState.CONNECTED);
                    a.phone.hangUp(call);
                    a.await(LineState.IDLE);
                }
            }
        } finally {
            sent.close();
        }
        // Answers, the call's signalling and RTP alike, including what the stack sends by itself.
        List<String> destinations = sent.destinations();
        assertTrue(destinations.stream().anyMatch(to -> to.endsWith(":" + testPort)), "strace saw no answer: " + destinations);
        assertEquals(List.of(), destinations.stream()
                .filter(to -> !to.startsWith("127.0.0.1:") && !to.startsWith("::ffff:127.0.0.1:")).toList());
    }

    /**
     * What RFC 4475 asks of an element for each message, as this server answers it: a final status,
     * or no answer. The Request-URIs name example.com and such, which this server does not serve: a
     * request it takes is refused with 404 (403 for a REGISTER) once the checks the RFC is about
     * have passed, and those come first.
     *
     * <p>What JAIN-SIP does before the server sees a message: it answers 400 itself to a request it
     * cannot parse; it drops silently a request without From, To or Call-ID (insuf, where the RFC
     * wants 400) and every response that matches no transaction (unreason, noreason, scalarlg,
     * bigcode, bcast, as the RFC expects); it keeps the first of repeated single-valued headers
     * (multi01, mcl01: the RFC wants 400, the server cannot tell); it takes leniently some malformed
     * requests the RFC lets an element accept (lwsstart, trws, badaspec, baddate, baddn), which the
     * server then answers as any other; and it reads any start line's version as SIP/2.0 (badvers:
     * the server answers 505 from the Via's SIP/7.0).
     */
    private static Map<String, String> rfc4475() {
        Map<String, String> expected = new TreeMap<>();
        // 3.1.1 valid messages: parsed, and answered as any request for a foreign domain.
        expected.put("wsinv.dat", "404");
        expected.put("intmeth.dat", "404");
        expected.put("esc01.dat", "404");
        expected.put("escnull.dat", "403");
        // RE%47IST%45R is an unknown method, not REGISTER.
        expected.put("esc02.dat", "404");
        expected.put("lwsdisp.dat", "404");
        expected.put("longreq.dat", "404");
        expected.put("dblreq.dat", "403");
        expected.put("semiuri.dat", "404");
        expected.put("transports.dat", "404");
        expected.put("mpart01.dat", "404");
        expected.put("unreason.dat", SILENT);
        expected.put("noreason.dat", SILENT);
        // 3.1.2 invalid messages: 400 where the element can tell whom to answer.
        expected.put("badinv01.dat", "400");
        expected.put("clerr.dat", "400");
        expected.put("ncl.dat", "400");
        expected.put("scalar02.dat", "400");
        expected.put("scalarlg.dat", SILENT);
        expected.put("quotbal.dat", "400");
        expected.put("ltgtruri.dat", "400");
        expected.put("lwsruri.dat", "400");
        expected.put("lwsstart.dat", "404");
        expected.put("trws.dat", "404");
        expected.put("escruri.dat", "400");
        expected.put("baddate.dat", "404");
        expected.put("regbadct.dat", "403");
        expected.put("badaspec.dat", "404");
        expected.put("baddn.dat", "404");
        expected.put("badvers.dat", "505");
        expected.put("mismatch01.dat", "400");
        expected.put("mismatch02.dat", "400");
        expected.put("bigcode.dat", SILENT);
        // 3.2 transaction layer: a bare magic cookie is still a branch.
        expected.put("badbranch.dat", "404");
        // 3.3 application layer: the codes the RFC names, checked before the domain.
        expected.put("insuf.dat", SILENT);
        expected.put("unkscm.dat", "416");
        expected.put("novelsc.dat", "416");
        expected.put("unksm2.dat", "403");
        expected.put("bext01.dat", "420");
        expected.put("invut.dat", "415");
        expected.put("regaut01.dat", "403");
        expected.put("multi01.dat", "404");
        expected.put("mcl01.dat", "404");
        expected.put("bcast.dat", SILENT);
        expected.put("zeromf.dat", "483");
        expected.put("cparam01.dat", "403");
        expected.put("cparam02.dat", "403");
        expected.put("regescrt.dat", "403");
        expected.put("sdp01.dat", "404");
        // 3.4 RFC 2543 syntax (no Max-Forwards, no branch): accepted.
        expected.put("inv2543.dat", "404");
        return expected;
    }

    /**
     * Sends the message, then an OPTIONS to the server itself: a server with one SIP worker checks
     * requests in turn, so what it answers the message comes before the OPTIONS' 200, and arrives at this socket
     * whatever host or port the message's Via names. @return the final statuses, or {@link #SILENT}
     */
    private static String answer(DatagramSocket socket, EmbeddedServer server, Path message) throws IOException {
        byte[] bytes = Files.readAllBytes(message);
        Optional<String> callId = callId(new String(bytes, StandardCharsets.ISO_8859_1));
        send(socket, bytes, server.sipPort);
        String probe = "probe-" + System.nanoTime();
        send(socket, SipProbe.options(server.sipPort, socket.getLocalPort(), probe), server.sipPort);
        List<String> statuses = new ArrayList<>();
        for (String response = receive(socket, message); !callId(response).equals(Optional.of(probe + "@127.0.0.1"));
                response = receive(socket, message)) {
            Matcher status = STATUS.matcher(response);
            // Provisional answers aside, and final ones only of this message (a message without a Call-ID gets any).
            if (status.find() && status.group(1).charAt(0) != '1' && (callId.isEmpty() || callId.equals(callId(response)))) {
                statuses.add(status.group(1));
            }
        }
        return statuses.isEmpty() ? SILENT : String.join(",", statuses);
    }

    private static void send(DatagramSocket socket, byte[] bytes, int port) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> callId(String message) {
        Matcher id = CALL_ID.matcher(message);
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }

    private static String receive(DatagramSocket socket, Path after) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            fail("The server did not answer an OPTIONS within 10 s after " + after.getFileName());
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
    }
}
