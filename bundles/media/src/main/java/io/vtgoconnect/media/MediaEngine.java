package io.vtgoconnect.media;

import io.vtgoconnect.media.internal.ClockWorker;
import io.vtgoconnect.media.internal.PortAllocator;
import io.vtgoconnect.media.internal.ReceiveLoop;
import io.vtgoconnect.media.internal.RtpSessionImpl;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens RTP sessions and runs them on a few shared threads: a fixed pool of clock threads, each
 * ticking its share of the sessions every 20 ms, and one thread receiving for all of them. No
 * thread exists while no session is open; the threads start with the first session and end
 * with the last, or a stated linger after it: starting them costs a call's setup a millisecond
 * or two, which an engine that opens calls one after another (a phone's) need not pay each time.
 */
public final class MediaEngine implements AutoCloseable {
    /** The narrowband sample rate: G.711's 8 kHz, of audio sources and sinks unless they say otherwise. */
    public static final int SAMPLE_RATE = 8000;
    /** The wideband sample rate: G.722's and, here, Opus's 16 kHz. */
    public static final int WIDEBAND_SAMPLE_RATE = 16000;
    /** The length of a frame and of the send interval. */
    public static final int FRAME_MILLIS = 20;
    /** Samples in one narrowband frame. */
    public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;

    /**
     * Samples in one frame at a sample rate of the engine.
     *
     * @throws IllegalArgumentException unless the rate is 8000 or 16000
     */
    public static int frameSamples(int sampleRate) {
        if (sampleRate != SAMPLE_RATE && sampleRate != WIDEBAND_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rate must be 8000 or 16000 Hz: " + sampleRate);
        }
        return sampleRate * FRAME_MILLIS / 1000;
    }

    private static final AtomicInteger ENGINES = new AtomicInteger();

    private final int clockThreads;
    private final String threadPrefix = "vtgo-media-" + ENGINES.incrementAndGet() + "-";
    private final PortAllocator ports = new PortAllocator();
    private final Set<RtpSessionImpl> sessions = new HashSet<>();
    /** How long the threads stay after the last session closes, in case another opens; 0: they end with it. */
    private final long lingerNanos;
    /** Whether a session's close returns before its ports are free (see {@link #releasingPortsInBackground}). */
    private final boolean releaseInBackground;
    private Workers workers;
    /** RTP packets sent by sessions no longer among the engine's; those of open sessions are added when asked. */
    private long packetsSentByEndedSessions;
    /** Counts the times the last session closed: a linger that ends runs out only if it is the latest. */
    private long idleSpells;
    private boolean closed;

    /**
     * An engine with one clock thread per two processors, at least one and at most two: the
     * receive thread needs a processor too, and on two processors a second clock thread starves
     * it (packets then arrive late for play-out).
     */
    public MediaEngine() {
        this(Duration.ZERO);
    }

    /**
     * An engine as {@link #MediaEngine()}, whose sessions' {@link RtpSession#close} returns before
     * their ports are free: the receive thread frees them soon after. For a server that ends calls
     * by the hundred a second (the call server's), whose thread ending a call goes on with the next
     * instead of waiting for the receive thread; {@link #freePortPairs} counts a pair once it is free.
     */
    public static MediaEngine releasingPortsInBackground() {
        return new MediaEngine(defaultClockThreads(), Duration.ZERO, true);
    }

    /**
     * An engine with the default clock threads (see {@link #MediaEngine()}), which keeps them the
     * linger after its last session closes: a session opened meanwhile finds them running; else
     * they end then.
     */
    public MediaEngine(Duration linger) {
        this(defaultClockThreads(), linger, false);
    }

    /** An engine with this many clock threads, which end with the last session. */
    public MediaEngine(int clockThreads) {
        this(clockThreads, Duration.ZERO, false);
    }

    private MediaEngine(int clockThreads, Duration linger, boolean releaseInBackground) {
        if (clockThreads < 1) {
            throw new IllegalArgumentException("at least one clock thread: " + clockThreads);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("a linger of zero or more: " + linger);
        }
        this.clockThreads = clockThreads;
        this.lingerNanos = linger.toNanos();
        this.releaseInBackground = releaseInBackground;
    }

    private static int defaultClockThreads() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2));
    }

    /**
     * Binds a socket pair and starts a session on it, sending nothing until it has a remote
     * address.
     *
     * @throws IOException when no port pair of the range is free or the address is not local
     * @throws IllegalStateException when the engine is closed
     */
    public synchronized RtpSession open(RtpSessionConfig config) throws IOException {
        if (closed) {
            throw new IllegalStateException("media engine closed");
        }
        if (workers == null) {
            workers = Workers.start(threadPrefix, clockThreads, releaseInBackground);
        }
        PortAllocator.ChannelPair channels;
        try {
            channels = ports.bind(config.localAddress(), config.minPort(), config.maxPort());
        } catch (IOException | RuntimeException e) {
            stopIfIdle();
            throw e;
        }
        return start(config, channels, null);
    }

    /**
     * Ends the session and starts another in this configuration on its socket pair, for another
     * codec, payload types or SRTP keys that an SDP answer or re-offer agreed: the ports stay bound
     * and held, with no moment when another program could take them. The new session goes on with
     * the old one's stream: its SSRC, sequence numbers and RTP time (RFC 3550 5.1 and 5.2 allow a
     * source to change its payload type), so that the far end hears one source throughout and plays
     * on. The configuration's address and port range are not used.
     *
     * @throws IOException when the new session cannot start; the ports are then released
     * @throws IllegalArgumentException when the session is not an open session of this engine
     * @throws IllegalStateException when the engine is closed
     */
    public RtpSession reopen(RtpSession session, RtpSessionConfig config) throws IOException {
        RtpSessionImpl old = leave(session);
        // Outside the lock: the frame being ticked calls the session's source and sink, which may call the engine.
        old.awaitLastFrame();
        synchronized (this) {
            if (closed) {
                old.releaseSockets();
                throw new IllegalStateException("media engine closed");
            }
            sessions.remove(old);
            packetsSentByEndedSessions += old.packetsSent();
            return start(config, old.channels(), old);
        }
    }

    /** The session, left: it stays among the engine's sessions, so that its threads stay, until another takes over. */
    private synchronized RtpSessionImpl leave(RtpSession session) {
        if (closed) {
            throw new IllegalStateException("media engine closed");
        }
        if (!(session instanceof RtpSessionImpl old) || !sessions.contains(old) || !old.leave()) {
            throw new IllegalArgumentException("not an open RTP session of this engine");
        }
        return old;
    }

    /**
     * Starts a session on the sockets, going on with the stream of the one it follows if any; if it
     * cannot start, releases them. Holds the lock.
     */
    private RtpSession start(RtpSessionConfig config, PortAllocator.ChannelPair channels, RtpSessionImpl follows)
            throws IOException {
        try {
            RtpSessionImpl session = new RtpSessionImpl(config, channels, workers.leastLoadedClock(), workers.receiver(),
                    this::release, follows);
            session.start();
            sessions.add(session);
            return session;
        } catch (IOException | RuntimeException e) {
            workers.receiver().release(() -> ports.release(channels), channels.rtp(), channels.rtcp());
            stopIfIdle();
            throw e;
        }
    }

    /** Ends the threads, now or after the linger, when no session is open. Holds the lock. */
    private void stopIfIdle() {
        if (sessions.isEmpty()) {
            Workers idle = lastSessionGone();
            if (idle != null) {
                idle.stop();
            }
        }
    }

    /**
     * RTP/RTCP port pairs of the range not held by a session of this engine (some may be held by
     * other programs): what {@link #open} can still take.
     */
    public int freePortPairs(java.net.InetAddress address, int minPort, int maxPort) {
        return ports.freePairs(address, minPort, maxPort);
    }

    /**
     * RTP packets this engine's sessions have sent since it was made, those of sessions since closed
     * included: whether media flows, and how much, for a server relaying calls.
     */
    public synchronized long packetsSent() {
        long sent = packetsSentByEndedSessions;
        for (RtpSessionImpl session : sessions) {
            sent += session.packetsSent();
        }
        return sent;
    }

    /** Closes every session and ends the threads, lingering or not; the engine opens no more. */
    @Override
    public void close() {
        List<RtpSessionImpl> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(sessions);
        }
        open.forEach(RtpSessionImpl::close);
        Workers lingering;
        synchronized (this) {
            lingering = workers;
            workers = null;
        }
        if (lingering != null) {
            lingering.stop();
        }
    }

    private void release(RtpSessionImpl session) {
        // The session's sockets are closed: its ports may be bound again.
        ports.release(session.channels());
        Workers idle;
        synchronized (this) {
            if (!sessions.remove(session)) {
                return;
            }
            packetsSentByEndedSessions += session.packetsSent();
            if (!sessions.isEmpty()) {
                return;
            }
            idle = lastSessionGone();
        }
        // Stopped outside the lock: a thread being joined may be waiting to open a session.
        if (idle != null) {
            idle.stop();
        }
    }

    /**
     * The last session closed; holds the lock. With a linger, and the engine open, the threads end
     * after it unless a session opens before (null: nothing to stop now); else the threads, no
     * longer the engine's, for the caller to stop.
     */
    private Workers lastSessionGone() {
        Workers idle = workers;
        if (lingerNanos > 0 && !closed) {
            long spell = ++idleSpells;
            idle.clocks()[0].runAfter(lingerNanos, () -> lingerRanOut(idle, spell));
            return null;
        }
        workers = null;
        return idle;
    }

    /** On the first clock thread: ends the threads if no session opened since the linger began. */
    private void lingerRanOut(Workers idle, long spell) {
        synchronized (this) {
            if (workers != idle || spell != idleSpells || !sessions.isEmpty()) {
                return;
            }
            workers = null;
        }
        idle.stop();
    }

    /** The threads of an engine with open sessions. */
    private record Workers(ReceiveLoop receiver, ClockWorker[] clocks) {
        static Workers start(String threadPrefix, int clockThreads, boolean releaseInBackground) throws IOException {
            ClockWorker[] clocks = new ClockWorker[clockThreads];
            for (int i = 0; i < clockThreads; i++) {
                clocks[i] = new ClockWorker(threadPrefix + "clock-" + (i + 1));
            }
            Workers workers = new Workers(new ReceiveLoop(threadPrefix + "receive", releaseInBackground), clocks);
            workers.receiver.start();
            for (ClockWorker clock : clocks) {
                clock.start();
            }
            return workers;
        }

        ClockWorker leastLoadedClock() {
            ClockWorker least = clocks[0];
            for (ClockWorker clock : clocks) {
                if (clock.load() < least.load()) {
                    least = clock;
                }
            }
            return least;
        }

        void stop() {
            for (ClockWorker clock : clocks) {
                clock.stop();
            }
            receiver.stop();
        }
    }
}
