package io.vtgoconnect.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records what a session plays into a WAV file (16-bit mono PCM at 8 kHz, or 16 kHz for a
 * wideband recording). Frames are gathered
 * in memory and written four seconds at a time, so that the clock thread rarely touches the
 * disk; the header's lengths are filled in on {@link #close}. A write that fails stops the
 * recording, and close reports it. Frames written after close are ignored.
 */
public final class WavRecorder implements AudioSink, AutoCloseable {
    private static final int HEADER_LENGTH = 44;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel file;
    private final int sampleRate;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private boolean stopped;
    private IOException failure;

    /** Creates (or empties) the file for 8 kHz audio and writes a header to complete on close. */
    public WavRecorder(Path path) throws IOException {
        this(path, MediaEngine.SAMPLE_RATE);
    }

    /**
     * Creates (or empties) the file for audio at this rate (8000 or 16000) and writes a header
     * to complete on close.
     */
    public WavRecorder(Path path, int sampleRate) throws IOException {
        MediaEngine.frameSamples(sampleRate);
        this.sampleRate = sampleRate;
        file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try {
            writeAt(header(0), 0);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public synchronized void write(short[] samples, int count) {
        for (int i = 0; i < count && !stopped; i++) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.putShort(samples[i]);
        }
    }

    /**
     * Writes what is buffered and the header's lengths, and closes the file.
     *
     * @throws IOException when this or an earlier write failed
     */
    @Override
    public synchronized void close() throws IOException {
        if (file.isOpen()) {
            try (file) {
                if (!stopped) {
                    stopped = true;
                    flush();
                }
                if (failure == null) {
                    writeAt(header(dataBytes), 0);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void flush() {
        try {
            buffer.flip();
            dataBytes += writeAt(buffer, HEADER_LENGTH + dataBytes);
            buffer.clear();
        } catch (IOException e) {
            failure = e;
            stopped = true;
        }
    }

    private int writeAt(ByteBuffer bytes, long position) throws IOException {
        int length = bytes.remaining();
        while (bytes.hasRemaining()) {
            position += file.write(bytes, position);
        }
        return length;
    }

    /** The canonical 44-byte RIFF/WAVE header for {@code dataBytes} of PCM. */
    private ByteBuffer header(long dataBytes) {
        int blockAlign = WavFileSource.format(sampleRate).getFrameSize();
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        header.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        header.putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return header.flip();
    }
}
