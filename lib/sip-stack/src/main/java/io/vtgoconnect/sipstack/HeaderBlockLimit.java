package io.vtgoconnect.sipstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * What the stack reads from a TCP connection, framed into messages as the stack frames them, with
 * each header block held back until it is complete. The stack's own reader gives up on a header
 * block at half its size limit and closes the connection unanswered; here a block that passes
 * {@code maxBytes} without ending is handed (its complete lines) to {@code tooLarge}, which can
 * answer it 513, and the stream ends, before the stack has seen a byte of it, so no truncated
 * message ever reaches it. A block must also be complete within {@code headerMillis} of its first
 * byte, as the stack would require once it saw that byte. Bodies and the line breaks between
 * messages (keep-alives) pass at once; a body's length is taken from the block's Content-Length
 * ({@code l} in compact form), as the stack takes it. Nothing more is read from the connection
 * while the stack's parser has not taken the blocks already handed on (but {@value #AHEAD}): the
 * stack's reader would otherwise buffer, without limit, what a peer sends faster than the stack
 * handles it (a peer that pipelines requests and reads no answer); held back, the peer is slowed
 * by TCP itself.
 */
final class HeaderBlockLimit extends InputStream {
    private static final int READ_BYTES = 4096;
    private static final int LONGEST_NUMBER = 18;
    /** Header blocks handed on that the stack's parser may not have taken yet, when more is read. */
    private static final int AHEAD = 1;
    /** How often a wait for the parser looks whether the connection was closed meanwhile. */
    private static final long PARSER_WAIT_MILLIS = 250;

    private enum Where { BETWEEN_MESSAGES, HEADERS, BODY }

    private final InputStream in;
    private final Socket socket;
    private final int maxBytes;
    private final long headerMillis;
    private final Consumer<byte[]> tooLarge;
    private final byte[] read = new byte[READ_BYTES];
    private final ByteArrayOutputStream block = new ByteArrayOutputStream();
    private Where where = Where.BETWEEN_MESSAGES;
    private long blockDeadlineNanos;
    private int lineStart;
    private boolean firstLine;
    private boolean lineBlank;
    private long contentLength;
    private long bodyLeft;
    private boolean ended;
    private byte[] ready = new byte[0];
    private int readyAt;
    private final Object parsing = new Object();
    private long blocksHandedOn;
    private long blocksParsed;

    /**
     * @param in the connection's stream
     * @param socket the connection, whose read timeout is set while a header block arrives
     * @param tooLarge given the complete lines of a block over the limit, before the stream ends
     */
    HeaderBlockLimit(InputStream in, Socket socket, int maxBytes, long headerMillis, Consumer<byte[]> tooLarge) {
        this.in = in;
        this.socket = socket;
        this.maxBytes = maxBytes;
        this.headerMillis = headerMillis;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (readyAt == ready.length) {
            if (ended || !fill()) {
                return -1;
            }
        }
        int count = Math.min(length, ready.length - readyAt);
        System.arraycopy(ready, readyAt, into, offset, count);
        readyAt += count;
        return count;
    }

    /** The stack's parser took a header block of this connection (see {@link GuardedParser}). */
    void parsed() {
        synchronized (parsing) {
            blocksParsed++;
            parsing.notifyAll();
        }
    }

    /** Waits while the parser has more than {@link #AHEAD} blocks to take; the time waited is not the peer's. */
    private void awaitParser() throws IOException {
        long start = System.nanoTime();
        synchronized (parsing) {
            while (blocksHandedOn - blocksParsed > AHEAD) {
                if (socket.isClosed()) {
                    throw new SocketException("Socket closed");
                }
                try {
                    parsing.wait(PARSER_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while the SIP stack parsed");
                }
            }
        }
        blockDeadlineNanos += System.nanoTime() - start;
    }

    @Override
    public int available() {
        return ready.length - readyAt;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads once from the connection and frames what came; false at its end (a block cut short is dropped). */
    private boolean fill() throws IOException {
        awaitParser();
        int count = in.read(read, 0, readTimeout());
        if (count < 0) {
            return false;
        }
        ByteArrayOutputStream released = new ByteArrayOutputStream(count);
        for (int i = 0; i < count && !ended; i++) {
            take(read[i], released);
        }
        ready = released.toByteArray();
        readyAt = 0;
        return true;
    }

    /** Sets the connection's read timeout to what is left of the block's time, and says how many bytes to read. */
    private int readTimeout() throws IOException {
        if (where != Where.HEADERS) {
            socket.setSoTimeout(0);
            return READ_BYTES;
        }
        long leftMillis = (blockDeadlineNanos - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("The header block took longer than " + headerMillis + " ms");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
        // Never more than the block may still take, so that a block over the limit is never read far past it.
        return (int) Math.min(READ_BYTES, maxBytes + 1L - block.size());
    }

    private void take(byte b, ByteArrayOutputStream released) {
        switch (where) {
            case BETWEEN_MESSAGES -> {
                if (b == '\r' || b == '\n') {
                    released.write(b);
                    return;
                }
                where = Where.HEADERS;
                blockDeadlineNanos = System.nanoTime() + headerMillis * 1_000_000;
                block.reset();
                lineStart = 0;
                firstLine = true;
                lineBlank = true;
                contentLength = 0;
                header(b, released);
            }
            case HEADERS -> header(b, released);
            case BODY -> {
                released.write(b);
                if (--bodyLeft == 0) {
                    where = Where.BETWEEN_MESSAGES;
                }
            }
        }
    }

    private void header(byte b, ByteArrayOutputStream released) {
        block.write(b);
        if (block.size() > maxBytes) {
            ended = true;
            byte[] bytes = block.toByteArray();
            tooLarge.accept(Arrays.copyOf(bytes, lineStart));
            return;
        }
        if (b != '\n') {
            // As the stack reads a line: a carriage return is dropped, and a line of nothing but white space is blank.
            lineBlank &= (b & 0xFF) <= ' ';
            return;
        }
        if (lineBlank && !firstLine) {
            released.writeBytes(block.toByteArray());
            synchronized (parsing) {
                blocksHandedOn++;
            }
            bodyLeft = contentLength;
            where = bodyLeft > 0 ? Where.BODY : Where.BETWEEN_MESSAGES;
            return;
        }
        if (!firstLine) {
            contentLength = contentLength(block.toByteArray(), lineStart, block.size()).orElse(contentLength);
        }
        firstLine = false;
        lineBlank = true;
        lineStart = block.size();
    }

    /** The value of the line when it is a Content-Length header, in either form. */
    private static OptionalLong contentLength(byte[] bytes, int start, int end) {
        String line = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        if (line.startsWith(" ") || line.startsWith("\t")) {
            // The continuation of the header before.
            return OptionalLong.empty();
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            return OptionalLong.empty();
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (!name.equals("content-length") && !name.equals("l")) {
            return OptionalLong.empty();
        }
        String value = line.substring(colon + 1).strip();
        if (value.isEmpty() || value.length() > LONGEST_NUMBER || !value.chars().allMatch(Character::isDigit)) {
            // The stack cannot parse it either, and reads no body.
            return OptionalLong.of(0);
        }
        return OptionalLong.of(Long.parseLong(value));
    }
}
