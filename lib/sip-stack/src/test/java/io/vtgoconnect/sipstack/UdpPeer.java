package io.vtgoconnect.sipstack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A test's SIP peer written out by hand: a UDP socket on loopback that sends datagrams to one endpoint and reads what comes back. */
final class UdpPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;

    /** A socket on a free loopback port, sending to the endpoint's port; a receive waits 10 s at most. */
    UdpPeer(int serverPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.server = new InetSocketAddress("127.0.0.1", serverPort);
        socket.setSoTimeout(10_000);
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(String datagram) throws IOException {
        send(datagram.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    /** The next datagram that comes back, as ISO 8859-1 text. */
    String receive() throws IOException {
        byte[] buffer = new byte[65536];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        socket.receive(answer);
        return new String(buffer, 0, answer.getLength(), StandardCharsets.ISO_8859_1);
    }

    /** Sends the request and returns the first answer. */
    String exchange(String request) throws IOException {
        send(request);
        return receive();
    }

    @Override
    public void close() {
        socket.close();
    }
}
