package io.vtgoconnect.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an attacker sends to a SIP port on loopback: the RFC 4475 torture messages, messages
 * mutated from them and from well-formed requests, TCP streams that lie about their length; and
 * what came back, by status code.
 */
final class SipBarrage {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** ../shared/corpus/rfc4475 beside the checkout. */
    private static final Path CORPUS = Vtgoconnect.HOME.resolve("../../shared/corpus/rfc4475").normalize();
    /** How long the port may stay silent before the answers are taken as all in. */
    private static final int QUIET_MILLIS = 2000;

    private SipBarrage() {
    }

    /** The 49 messages of RFC 4475, valid and invalid. */
    static List<byte[]> torture() {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<byte[]> messages = new ArrayList<>();
            for (Path file : files.filter(file -> file.toString().endsWith(".dat")).sorted().toList()) {
                messages.add(Files.readAllBytes(file));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("The RFC 4475 corpus is missing at " + CORPUS, e);
        }
    }

    /** Well-formed requests to the port, for numbers that are no line, to mutate. */
    static List<byte[]> wellFormed(int port) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n";
        List<byte[]> requests = new ArrayList<>();
        for (String method : List.of("OPTIONS", "INVITE", "REGISTER", "BYE", "INFO", "NOTIFY")) {
            String body = method.equals("INVITE") ? sdp : "";
            requests.add((method + " sip:9999@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK" + method + "\r\n"
                    + "From: <sip:9998@127.0.0.1>;tag=88\r\nTo: <sip:9999@127.0.0.1>\r\nCall-ID: " + method + "@127.0.0.1\r\n"
                    + "CSeq: 1 " + method + "\r\nMax-Forwards: 70\r\nContact: <sip:9998@127.0.0.1:9>\r\n"
                    + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        }
        return requests;
    }

    /** {@code count} messages, each a seed message changed in one to six places: bytes cut, added, replaced, lines repeated, numbers made huge. */
    static List<byte[]> mutated(List<byte[]> seeds, int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder(new String(seeds.get(random.nextInt(seeds.size())), StandardCharsets.ISO_8859_1));
            for (int change = random.nextInt(6); change >= 0 && text.length() > 1; change--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(6)) {
                    case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
                    case 1 -> text.insert(at, (char) random.nextInt(256));
                    case 2 -> text.setCharAt(at, "\r\n :;,<>@=\"0123456789".charAt(random.nextInt(21)));
                    case 3 -> {
                        int start = text.lastIndexOf("\n", at) + 1;
                        int end = text.indexOf("\n", at);
                        text.insert(start, text.substring(start, end < 0 ? text.length() : end + 1).repeat(1 + random.nextInt(30)));
                    }
                    case 4 -> text.insert(at, "99999999999999999999");
                    default -> text.setLength(at);
                }
            }
            messages.add(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return messages;
    }

    /** Sends each message in a datagram of its own, from one socket; @return the status codes answered, with their counts */
    static Map<Integer, Integer> udp(List<byte[]> messages, int port) {
        Map<Integer, Integer> answers = new TreeMap<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setReceiveBufferSize(4 << 20);
            Thread receiver = new Thread(() -> receive(socket, answers), "barrage-answers");
            receiver.start();
            for (byte[] message : messages) {
                int length = Math.min(message.length, 65000);
                socket.send(new DatagramPacket(message, length, LOOPBACK, port));
            }
            receiver.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answers;
    }

    private static void receive(DatagramSocket socket, Map<Integer, Integer> answers) {
        byte[] buffer = new byte[65536];
        try {
            socket.setSoTimeout(QUIET_MILLIS);
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                String start = new String(buffer, 0, Math.min(packet.getLength(), 12), StandardCharsets.ISO_8859_1);
                if (start.startsWith("SIP/2.0 ") && start.length() >= 11) {
                    synchronized (answers) {
                        answers.merge(Integer.parseInt(start.substring(8, 11)), 1, Integer::sum);
                    }
                }
            }
        } catch (SocketTimeoutException quiet) {
            // No answer for a while: all are in.
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("The answers could not be read: " + e, e);
        }
    }

    /**
     * An INVITE over TCP that announces a body of a gigabyte and sends a few bytes, on
     * {@code connections} connections at once. @return how many the port answered 413 and closed within 10 s
     */
    static int lyingContentLength(int port, int connections) {
        List<Socket> sockets = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket(LOOPBACK, port);
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("INVITE sip:9999@127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bKlie" + i
                        + "\r\nFrom: <sip:9998@127.0.0.1>;tag=1\r\nTo: <sip:9999@127.0.0.1>\r\nCall-ID: lie" + i
                        + "@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Type: application/sdp\r\n"
                        + "Content-Length: 1000000000\r\n\r\nv=0\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            for (Socket socket : sockets) {
                socket.setSoTimeout(10_000);
                try {
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    if (answer.startsWith("SIP/2.0 413 ")) {
                        refused++;
                    }
                } catch (SocketTimeoutException open) {
                    // still open after 10 s
                } catch (IOException reset) {
                    // closed unanswered
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeAll(sockets);
        }
        return refused;
    }

    /** What a flood of silent TCP connections did: the answer to a client's OPTIONS amid it, and how soon the flood was closed. */
    record Flood(String answer, long answerMillis, int closed, long closedMillis) {
    }

    /**
     * Opens {@code connections} TCP connections that send nothing, then a client's OPTIONS over TCP
     * while they are open; then waits up to {@code waitMillis} for the port to close the silent ones.
     */
    static Flood silentTcp(int port, int connections, long waitMillis) {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                sockets.add(new Socket(LOOPBACK, port));
            }
            long floodEnd = System.nanoTime();
            String answer;
            try (Socket client = new Socket(LOOPBACK, port)) {
                client.setSoTimeout(5000);
                client.getOutputStream().write(options(port).replace("SIP/2.0/UDP 127.0.0.1:@LOCAL@",
                        "SIP/2.0/TCP 127.0.0.1:" + client.getLocalPort()).getBytes(StandardCharsets.US_ASCII));
                answer = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
            } catch (SocketTimeoutException none) {
                answer = "no answer within 5 s";
            }
            long answerMillis = (System.nanoTime() - floodEnd) / 1_000_000;
            int closed = 0;
            long deadline = floodEnd + waitMillis * 1_000_000;
            for (Socket socket : sockets) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    if (socket.getInputStream().read() < 0) {
                        closed++;
                    }
                } catch (SocketTimeoutException open) {
                    // still open
                } catch (IOException reset) {
                    closed++;
                }
            }
            return new Flood(answer, answerMillis, closed, (System.nanoTime() - floodEnd) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeAll(sockets);
        }
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a socket of the test's own
            }
        }
    }

    /** The status of the final answer to the request, or 0 when none came within 5 s. */
    static int finalStatus(String request, int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.setSoTimeout(5000);
            byte[] bytes = request.replace("@LOCAL@", Integer.toString(socket.getLocalPort())).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
            while (true) {
                DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
                socket.receive(packet);
                int status = Integer.parseInt(new String(packet.getData(), 8, 3, StandardCharsets.US_ASCII));
                if (status >= 200) {
                    return status;
                }
            }
        } catch (SocketTimeoutException none) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OPTIONS from the test's socket (its port in place of @LOCAL@) to the port. */
    static String options(int port) {
        return "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:@LOCAL@;branch=z9hG4bKalive"
                + System.nanoTime() + "\r\nFrom: <sip:9998@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: alive"
                + System.nanoTime() + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }
}
