package io.vtgoconnect.media.internal;

import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.AudioDecoder;
import io.vtgoconnect.media.AudioEncoder;
import io.vtgoconnect.media.AudioLevel;
import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.FarEndReport;
import io.vtgoconnect.media.Gain;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.LevelListener;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.MediaStatistics;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
import io.vtgoconnect.media.srtp.SrtpKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An RTP session on its socket pair. {@link #tick} runs on its clock worker every 20 ms (send,
 * play out, RTCP); {@link #onRtp} and {@link #onRtcp} run on the receive loop. Send state
 * belongs to the clock thread, reception state to the receive thread under {@code receiveLock};
 * settings are volatile so that any thread may change them. Audio is coded at the codec's own
 * rate; a source or sink at another rate is resampled on the way. With SRTP keys, every packet
 * is protected before it leaves and checked before it is read: one that fails is dropped as if
 * it never came.
 */
public final class RtpSessionImpl implements RtpSession {
    private static final System.Logger LOG = System.getLogger(RtpSessionImpl.class.getName());
    private static final int JITTER_BUFFER_FRAMES = 50;
    private static final int MAX_PACKET = 1500;
    /** Frames of concealment after the last one heard; after them, silence (a far end on hold, a stream that stopped). */
    private static final int MAX_CONCEALED_FRAMES = 3;

    private final AudioCodec codec;
    private final int audioPayloadType;
    private final int frameSamples;
    private final int frameClockUnits;
    private final AudioEncoder encoder;
    private final AudioDecoder decoder;
    private final SrtpContext sendCrypto;
    private final SrtpContext receiveCrypto;
    private final int eventPayloadType;
    private final long playoutDelayMillis;
    private final int rtcpIntervalFrames;
    private final PortAllocator.ChannelPair channels;
    /** The session whose far end gets what this one receives, while it relays. */
    private volatile RtpSessionImpl relayTarget;
    private final DatagramChannel rtpChannel;
    private final DatagramChannel rtcpChannel;
    private final InetSocketAddress localRtp;
    private final InetSocketAddress localRtcp;
    private final ClockWorker clock;
    private final ReceiveLoop receiver;
    private final Consumer<RtpSessionImpl> onClosed;
    private final long ssrc;
    private final String cname;
    private final long openedNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while the clock ticks the session: see {@link #awaitLastFrame}. */
    private final Object ticking = new Object();

    private volatile InetSocketAddress remoteRtp;
    private volatile InetSocketAddress remoteRtcp;
    private volatile boolean rtcpLatched;
    private volatile MediaDirection direction = MediaDirection.SENDRECV;
    private volatile SourceBinding source;
    private volatile SinkBinding sink;
    private volatile Gain microphoneGain = Gain.UNITY;
    private volatile Gain speakerGain = Gain.UNITY;
    private volatile boolean muted;
    private volatile DtmfListener dtmfListener = digit -> {
    };
    private volatile LevelListener levelListener;

    // Written by the clock thread only; the counters are volatile for statistics().
    private final DtmfSender dtmfSender;
    private final short[] sendPcm;
    /*
     * The buffers a frame is coded and sent from are made at the first frame sent, and the play-out
     * buffers at the first frame someone hears: a relaying session (the call server's) does neither,
     * and made with each session, they were 10 KB of the 36 KB a relayed call held while it lasted.
     */
    private byte[] sendPayload;
    private byte[] sendBuffer;
    private ByteBuffer sendView;
    private byte[] playoutPayload;
    private short[] decoded;
    /** Decoded audio not yet played: a packet of more than 20 ms plays over several ticks. */
    private short[] pending;
    private int pendingSamples;
    private short[] playoutPcm;
    private int concealedFrames = MAX_CONCEALED_FRAMES;
    /** The next packet's: volatile, as relayed packets (receive thread) go out numbered in the same stream. */
    private volatile int sequenceNumber;
    private volatile long timestamp;
    /** Whether a frame of this session's own went out since the last packet it relayed. */
    private volatile boolean sentOwnFrame;
    private boolean sentLastFrame;
    private volatile boolean sentSinceReport;
    private int framesToReport;
    /** Squares of the samples sent and received since the last level reading, and how many frames that is. */
    private long sentSquares;
    private long receivedSquares;
    private int levelFrames;
    private volatile long packetsSent;
    private volatile long bytesSent;

    // Written by the receive thread only; what statistics() and RTCP read is volatile or under receiveLock.
    private final JitterBuffer jitterBuffer;
    /** The header of the datagram being received, read in place. */
    private final RtpHeader received = new RtpHeader();
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver(digit -> dtmfListener.digitReceived(digit));
    private volatile long packetsReceived;
    private volatile long bytesReceived;
    private volatile FarEndReport farEnd;
    private final Object receiveLock = new Object();
    private ReceptionStatistics reception;
    private long remoteSsrc = -1;
    private long lostFromEarlierSources;
    private long expectedFromEarlierSources;
    private long lastSenderReport;
    private long lastSenderReportArrivalNanos;

    // Written by the receive thread only (of the session relayed from): how the relayed source maps onto this stream.
    private long relayedSsrc = -1;
    private int relayedSequenceOffset;
    private long relayedTimestampOffset;

    /**
     * A session that sends as its own stream (SSRC, sequence numbers, RTP time) the one that
     * {@code continued} sent, when it takes over that session's sockets; null for a new stream.
     */
    public RtpSessionImpl(RtpSessionConfig config, PortAllocator.ChannelPair channels, ClockWorker clock,
            ReceiveLoop receiver, Consumer<RtpSessionImpl> onClosed, RtpSessionImpl continued) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = continued == null ? random.nextLong(1L << 32) : continued.ssrc;
        this.cname = continued == null ? Long.toHexString(random.nextLong()) : continued.cname;
        this.sequenceNumber = continued == null ? random.nextInt(1 << 16) : continued.sequenceNumber;
        this.timestamp = continued == null ? random.nextLong(1L << 32) : continued.timestamp;
        this.codec = config.audioCodec();
        this.audioPayloadType = config.audioPayloadType();
        this.frameSamples = codec.frameSamples();
        this.frameClockUnits = codec.frameClockUnits();
        this.encoder = codec.newEncoder();
        this.decoder = codec.newDecoder();
        SrtpKeys keys = config.srtp();
        this.sendCrypto = keys == null ? null : new SrtpContext(keys.suite(), keys.send());
        this.receiveCrypto = keys == null ? null : new SrtpContext(keys.suite(), keys.receive());
        this.dtmfSender = new DtmfSender(frameClockUnits);
        this.sendPcm = new short[frameSamples];
        this.reception = new ReceptionStatistics(codec.clockRate());
        this.source = SourceBinding.of(AudioSource.silence(codec.sampleRate()), codec.sampleRate());
        this.sink = SinkBinding.of(AudioSink.discard(), codec.sampleRate());
        this.eventPayloadType = config.telephoneEventPayloadType();
        this.playoutDelayMillis = config.playoutDelay().toMillis();
        this.rtcpIntervalFrames = (int) (config.rtcpInterval().toMillis() / MediaEngine.FRAME_MILLIS);
        this.channels = channels;
        this.rtpChannel = channels.rtp();
        this.rtcpChannel = channels.rtcp();
        this.localRtp = (InetSocketAddress) rtpChannel.getLocalAddress();
        this.localRtcp = (InetSocketAddress) rtcpChannel.getLocalAddress();
        this.clock = clock;
        this.receiver = receiver;
        this.onClosed = onClosed;
        this.jitterBuffer = new JitterBuffer(frameClockUnits, (int) (playoutDelayMillis / MediaEngine.FRAME_MILLIS),
                JITTER_BUFFER_FRAMES, decoder.maxPayload());
        // RFC 3550 section 6.2: the first report after half the interval.
        this.framesToReport = randomisedInterval() / 2;
    }

    @Override
    public void relayTo(RtpSession other) {
        if (other == null) {
            relayTarget = null;
            return;
        }
        if (!(other instanceof RtpSessionImpl target) || target.audioPayloadType != audioPayloadType
                || !target.codec.equals(codec) || target.eventPayloadType != eventPayloadType || sendCrypto != null
                || target.sendCrypto != null) {
            throw new IllegalArgumentException("only a session in the same codec and events, without SRTP, can be relayed to");
        }
        relayTarget = target;
    }

    /**
     * A packet another session relays: sent to this session's far end, if it is sent to, with its
     * payload as it came but numbered as the next of this session's stream. The far end hears one
     * source whether the session sent frames of its own (before the call was bridged, while it
     * mixed) or relays: a far end whose jitter buffer keeps the highest sequence number across a
     * change of SSRC (baresip's) would otherwise drop for good a relayed stream numbered below it.
     */
    private void forward(ByteBuffer datagram, RtpHeader header) {
        InetSocketAddress to = remoteRtp;
        if (to == null || !direction.sends() || closed.get()) {
            return;
        }
        renumber(datagram.array(), header);
        int length = datagram.remaining();
        if (send(rtpChannel, datagram, to)) {
            packetsSent++;
            bytesSent += length - RtpPacket.HEADER_LENGTH;
        }
    }

    /**
     * Rewrites a relayed packet's header, in place, into this stream: its SSRC, and its sequence
     * number and timestamp shifted by how far the relayed source's were from this stream's when its
     * first packet came, or when this session last sent a frame of its own. Gaps and order stay
     * as they came, so the far end still sees what was lost. The header is the packet's, as the
     * receiving session parsed it.
     */
    private void renumber(byte[] packet, RtpHeader header) {
        if (header.ssrc() != relayedSsrc || sentOwnFrame) {
            sentOwnFrame = false;
            relayedSsrc = header.ssrc();
            relayedSequenceOffset = sequenceNumber - header.sequenceNumber();
            relayedTimestampOffset = timestamp - header.timestamp();
        }
        int renumbered = (header.sequenceNumber() + relayedSequenceOffset) & 0xFFFF;
        packet[2] = (byte) (renumbered >> 8);
        packet[3] = (byte) renumbered;
        RtpPacket.writeInt(packet, 4, (header.timestamp() + relayedTimestampOffset) & 0xFFFFFFFFL);
        RtpPacket.writeInt(packet, 8, ssrc);
        // A frame of its own (a digit while relaying, or mixing again) follows the highest number sent.
        if (((renumbered - sequenceNumber) & 0x8000) == 0) {
            sequenceNumber = (renumbered + 1) & 0xFFFF;
        }
    }

    /** The sockets the session was opened on. */
    public PortAllocator.ChannelPair channels() {
        return channels;
    }

    /** Starts receiving and ticking. */
    public void start() throws IOException {
        receiver.register(rtpChannel, this::onRtp);
        receiver.register(rtcpChannel, this::onRtcp);
        clock.add(this);
    }

    @Override
    public InetSocketAddress localRtpAddress() {
        return localRtp;
    }

    @Override
    public void setRemote(InetSocketAddress rtp) {
        setRemote(rtp, new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1));
    }

    @Override
    public void setRemote(InetSocketAddress rtp, InetSocketAddress rtcp) {
        remoteRtcp = Objects.requireNonNull(rtcp, "rtcp");
        remoteRtp = Objects.requireNonNull(rtp, "rtp");
        rtcpLatched = false;
    }

    @Override
    public void setDirection(MediaDirection newDirection) {
        direction = Objects.requireNonNull(newDirection, "direction");
    }

    @Override
    public void setSource(AudioSource newSource) {
        source = SourceBinding.of(Objects.requireNonNull(newSource, "source"), codec.sampleRate());
    }

    @Override
    public void setSink(AudioSink newSink) {
        sink = SinkBinding.of(Objects.requireNonNull(newSink, "sink"), codec.sampleRate());
    }

    @Override
    public AudioCodec codec() {
        return codec;
    }

    @Override
    public void setMicrophoneGain(Gain gain) {
        microphoneGain = Objects.requireNonNull(gain, "gain");
    }

    @Override
    public void setSpeakerGain(Gain gain) {
        speakerGain = Objects.requireNonNull(gain, "gain");
    }

    @Override
    public void setMuted(boolean mute) {
        muted = mute;
    }

    @Override
    public void sendDigits(String digits) {
        dtmfSender.enqueue(digits);
    }

    @Override
    public void setDtmfListener(DtmfListener listener) {
        dtmfListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void setLevelListener(LevelListener listener) {
        levelListener = listener;
    }

    @Override
    public MediaStatistics statistics() {
        long lost;
        long expected;
        double jitterSamples;
        synchronized (receiveLock) {
            lost = Math.max(0, lostFromEarlierSources + reception.cumulativeLost());
            expected = expectedFromEarlierSources + reception.expected();
            jitterSamples = reception.jitter();
        }
        long discarded = jitterBuffer.discarded();
        double jitterMillis = jitterSamples * 1000 / codec.clockRate();
        FarEndReport report = farEnd;
        double networkDelayMillis = report == null || report.roundTrip() == null ? 0
                : report.roundTrip().toNanos() / 2e6;
        double delayMillis = networkDelayMillis + playoutDelayMillis + MediaEngine.FRAME_MILLIS + 2 * jitterMillis;
        double lossPercent = expected > 0 ? 100.0 * (lost + discarded) / expected : 0;
        return new MediaStatistics(codec.displayName() + ":" + MediaEngine.FRAME_MILLIS + "ms", localRtp, localRtcp,
                remoteRtp, remoteRtcp, Duration.ofNanos(System.nanoTime() - openedNanos), packetsSent, bytesSent,
                packetsReceived, bytesReceived, lost, discarded, jitterMillis, report,
                EModel.mos(codec, lossPercent, delayMillis), sendCrypto == null ? null : sendCrypto.suite());
    }

    /** RTP packets sent so far, its own frames and those it relayed. */
    public long packetsSent() {
        return packetsSent;
    }

    @Override
    public void close() {
        if (leave()) {
            sendReport(true);
            releaseSockets();
        }
    }

    /** Closes the sockets of a session left (see {@link #leave}) that no other took over. */
    public void releaseSockets() {
        receiver.release(() -> onClosed.accept(this), rtpChannel, rtcpChannel);
    }

    /**
     * Stops sending and playing as {@link #close} does, but leaves the sockets open and registered
     * for a session that takes them over and goes on with this one's stream: no RTCP BYE, as its
     * SSRC goes on. Closing it afterwards does nothing.
     *
     * @return whether this call ended the session: false when it was closed or left before
     */
    public boolean leave() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        clock.remove(this);
        return true;
    }

    /**
     * Returns once the frame the clock may be ticking now is done; a session left ticks no more after
     * it. The session that goes on with the stream then starts from its last sequence number and RTP
     * time, and is alone in using the source and sink.
     */
    public void awaitLastFrame() {
        synchronized (ticking) {
            // Taking the lock once is the wait.
        }
    }

    /** One 20 ms frame: send a frame, play out what is due, and an RTCP report when its time comes. */
    void tick() {
        synchronized (ticking) {
            if (!closed.get()) {
                tickOpen();
            }
        }
    }

    private void tickOpen() {
        long frameTimestamp = timestamp;
        timestamp = (timestamp + frameClockUnits) & 0xFFFFFFFFL;
        if (!relaysOnly()) {
            sendFrame(frameTimestamp);
        }
        if (relayTarget == null) {
            playOut();
        }
        if (--framesToReport <= 0) {
            sendReport(false);
            framesToReport = randomisedInterval();
        }
        LevelListener listener = levelListener;
        if (listener != null && ++levelFrames >= LEVEL_FRAMES) {
            long samples = (long) levelFrames * frameSamples;
            listener.levels(AudioLevel.dbfs(sentSquares, samples), AudioLevel.dbfs(receivedSquares, samples));
            sentSquares = 0;
            receivedSquares = 0;
            levelFrames = 0;
        }
    }

    /** Whether a tick sends nothing: the session relays its peer's packets and has no digit to send. */
    boolean relaysOnly() {
        return relayTarget != null && !dtmfSender.busy();
    }

    /**
     * The clock stalled and did not tick this session for that many frames: they are never sent,
     * but the stream's RTP time moves on by them (RFC 3550 5.1: it follows the sampling clock).
     */
    void skip(long frames) {
        timestamp = (timestamp + frames * frameClockUnits) & 0xFFFFFFFFL;
    }

    /** The sum of the squares of a frame's samples, for the level readings. */
    private long squares(short[] samples) {
        return levelListener == null ? 0 : AudioLevel.squares(samples, frameSamples);
    }

    /** Takes a datagram from the RTP socket. */
    private void onRtp(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        byte[] data = datagram.array();
        int length = datagram.limit();
        if (receiveCrypto != null && (length = receiveCrypto.unprotectRtp(data, length)) < 0) {
            return;
        }
        RtpHeader packet = received;
        try {
            packet.read(data, 0, length);
        } catch (MalformedPacketException e) {
            return;
        }
        boolean audio = packet.payloadType() == audioPayloadType;
        if (!audio && packet.payloadType() != eventPayloadType) {
            return;
        }
        synchronized (receiveLock) {
            if (packet.ssrc() != remoteSsrc) {
                startSource(packet.ssrc());
            }
            if (!reception.update(packet.sequenceNumber(), packet.timestamp(), arrivalNanos, audio)) {
                return;
            }
        }
        packetsReceived++;
        bytesReceived += packet.payloadLength();
        latchRemote(from);
        if (!direction.receives()) {
            return;
        }
        RtpSessionImpl relay = relayTarget;
        if (relay != null) {
            // Sent on in the receive loop's own buffer: a buffer made for each datagram was most of what
            // a relay allocated (25,000 a second for 500 phones in calls).
            relay.forward(datagram.limit(length), packet);
            return;
        }
        if (audio) {
            jitterBuffer.offer(packet.sequenceNumber(), packet.timestamp(), data, packet.payloadOffset(),
                    packet.payloadLength());
        } else {
            receiveEvent(packet.timestamp(), Arrays.copyOfRange(data, packet.payloadOffset(),
                    packet.payloadOffset() + packet.payloadLength()));
        }
    }

    /** Takes a datagram from the RTCP socket. */
    private void onRtcp(ByteBuffer datagram, InetSocketAddress from, long arrivalNanos) {
        byte[] data = datagram.array();
        int length = datagram.limit();
        if (receiveCrypto != null && (length = receiveCrypto.unprotectRtcp(data, length)) < 0) {
            return;
        }
        List<RtcpPacket> packets;
        try {
            packets = RtcpCompound.parse(data, 0, length);
        } catch (MalformedPacketException e) {
            return;
        }
        remoteRtcp = from;
        rtcpLatched = true;
        for (RtcpPacket packet : packets) {
            if (packet instanceof SenderReport report) {
                synchronized (receiveLock) {
                    lastSenderReport = NtpTime.middle(report.ntpTimestamp());
                    lastSenderReportArrivalNanos = arrivalNanos;
                }
                readReports(report.reports());
            } else if (packet instanceof ReceiverReport report) {
                readReports(report.reports());
            }
        }
    }

    private void startSource(long newSsrc) {
        lostFromEarlierSources += Math.max(0, reception.cumulativeLost());
        expectedFromEarlierSources += reception.expected();
        reception = new ReceptionStatistics(codec.clockRate());
        remoteSsrc = newSsrc;
        lastSenderReport = 0;
        jitterBuffer.reset();
        dtmfReceiver.reset();
    }

    /** Symmetric RTP: answer to where the far end sends from, and its RTCP to the port above unless RTCP came. */
    private void latchRemote(InetSocketAddress from) {
        if (from.equals(remoteRtp)) {
            return;
        }
        remoteRtp = from;
        if (!rtcpLatched && from.getPort() < 65535) {
            remoteRtcp = new InetSocketAddress(from.getAddress(), from.getPort() + 1);
        }
    }

    private void receiveEvent(long eventTimestamp, byte[] payload) {
        try {
            dtmfReceiver.accept(eventTimestamp, TelephoneEvent.parse(payload));
        } catch (MalformedPacketException e) {
            LOG.log(System.Logger.Level.DEBUG, "telephone event dropped: {0}", e.getMessage());
        }
    }

    private void readReports(List<ReportBlock> reports) {
        for (ReportBlock block : reports) {
            if (block.ssrc() == ssrc) {
                farEnd = new FarEndReport(block.cumulativeLost(), block.fractionLost() / 256.0,
                        block.jitter() * 1000.0 / codec.clockRate(), roundTrip(block));
            }
        }
    }

    /** RFC 3550 section 6.4.1: arrival time minus LSR minus DLSR, or null without an SR echoed. */
    private static Duration roundTrip(ReportBlock block) {
        if (block.lastSenderReport() == 0) {
            return null;
        }
        long now = NtpTime.middle(NtpTime.of(Instant.now()));
        long units = (now - block.lastSenderReport() - block.delaySinceLastSenderReport()) & 0xFFFFFFFFL;
        return units < 1L << 31 ? Duration.ofNanos(NtpTime.fromShortUnits(units)) : null;
    }

    /**
     * Plays one frame: decoded audio when a payload is due or still pending, else concealment
     * for a few frames where the codec has it, else silence.
     */
    private void playOut() {
        SinkBinding playing = sink;
        if (playing.discards() && levelListener == null) {
            // Nobody hears it and nobody measures it (a farm's phone that does not record): the
            // frame still leaves the buffer, which counts the late ones, but is not decoded.
            jitterBuffer.skip();
            pendingSamples = 0;
            concealedFrames = MAX_CONCEALED_FRAMES;
            return;
        }
        if (playoutPcm == null) {
            playoutPayload = new byte[decoder.maxPayload()];
            decoded = new short[decoder.maxSamples()];
            pending = new short[decoder.maxSamples() + frameSamples];
            playoutPcm = new short[frameSamples];
        }
        int length = jitterBuffer.poll(playoutPayload);
        boolean receives = direction.receives();
        if (length > 0 && receives) {
            int samples = decoder.decode(playoutPayload, 0, length, decoded);
            if (samples > 0) {
                concealedFrames = 0;
                keepPending(samples);
            }
        }
        if (pendingSamples == 0 && receives && concealedFrames < MAX_CONCEALED_FRAMES) {
            concealedFrames++;
            keepPending(decoder.conceal(decoded));
        }
        if (pendingSamples > 0 && receives) {
            int played = Math.min(frameSamples, pendingSamples);
            System.arraycopy(pending, 0, playoutPcm, 0, played);
            Arrays.fill(playoutPcm, played, frameSamples, (short) 0);
            pendingSamples -= played;
            System.arraycopy(pending, played, pending, 0, pendingSamples);
            receivedSquares += squares(playoutPcm);
            speakerGain.apply(playoutPcm, frameSamples);
        } else {
            pendingSamples = 0;
            Arrays.fill(playoutPcm, (short) 0);
        }
        playing.write(playoutPcm);
    }

    /** Queues decoded samples for play-out, as many as there is room for. */
    private void keepPending(int samples) {
        int kept = Math.min(samples, pending.length - pendingSamples);
        if (kept <= 0) {
            return;
        }
        System.arraycopy(decoded, 0, pending, pendingSamples, kept);
        pendingSamples += kept;
    }

    private void sendFrame(long frameTimestamp) {
        source.read(sendPcm);
        InetSocketAddress to = remoteRtp;
        if (to == null || !direction.sends()) {
            sentLastFrame = false;
            return;
        }
        if (sendBuffer == null) {
            sendPayload = new byte[encoder.maxPayload()];
            sendBuffer = new byte[MAX_PACKET];
            sendView = ByteBuffer.wrap(sendBuffer);
        }
        DtmfSender.Step event = dtmfSender.next(frameTimestamp);
        int payloadLength;
        if (event != null) {
            byte[] payload = event.event().toBytes();
            payloadLength = payload.length;
            writePacket(event.marker(), eventPayloadType, event.timestamp(), payload, payloadLength);
        } else {
            if (muted) {
                Arrays.fill(sendPcm, (short) 0);
            } else {
                microphoneGain.apply(sendPcm, frameSamples);
                sentSquares += squares(sendPcm);
            }
            payloadLength = encoder.encode(sendPcm, sendPayload);
            // The marker starts a talkspurt: the first frame after not sending.
            writePacket(!sentLastFrame, audioPayloadType, frameTimestamp, sendPayload, payloadLength);
        }
        int length = RtpPacket.HEADER_LENGTH + payloadLength;
        if (sendCrypto != null) {
            length = sendCrypto.protectRtp(sendBuffer, length);
        }
        sendView.clear().limit(length);
        // Numbered before it leaves, whether it does or not: no number (nor SRTP keystream) is used
        // twice, and a relayed packet that the far end gets right after it is numbered after it.
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        sentOwnFrame = true;
        if (send(rtpChannel, sendView, to)) {
            packetsSent++;
            bytesSent += payloadLength;
            sentLastFrame = true;
            sentSinceReport = true;
        }
    }

    /** Writes the packet into the send buffer, in place: a farm sends thousands a second. */
    private void writePacket(boolean marker, int payloadType, long packetTimestamp, byte[] payload, int payloadLength) {
        int header = RtpHeader.write(sendBuffer, 0, marker, payloadType, sequenceNumber, packetTimestamp, ssrc);
        System.arraycopy(payload, 0, sendBuffer, header, payloadLength);
    }

    /** Sends an SR (or an RR when nothing was sent since the last report) with SDES, and a BYE when leaving. */
    private void sendReport(boolean goodbye) {
        InetSocketAddress to = remoteRtcp;
        if (to == null) {
            return;
        }
        List<ReportBlock> blocks = receptionReport();
        List<RtcpPacket> packets = new ArrayList<>(3);
        if (sentSinceReport) {
            packets.add(new SenderReport(ssrc, NtpTime.of(Instant.now()), timestamp, packetsSent & 0xFFFFFFFFL,
                    bytesSent & 0xFFFFFFFFL, blocks));
        } else {
            packets.add(new ReceiverReport(ssrc, blocks));
        }
        sentSinceReport = false;
        packets.add(new SourceDescription(List.of(new SourceDescription.Chunk(ssrc, cname))));
        if (goodbye) {
            packets.add(new Goodbye(List.of(ssrc), ""));
        }
        byte[] compound = RtcpCompound.toBytes(packets);
        if (sendCrypto == null) {
            send(rtcpChannel, ByteBuffer.wrap(compound), to);
            return;
        }
        byte[] protectedCompound = Arrays.copyOf(compound, compound.length + SrtpContext.rtcpOverhead());
        send(rtcpChannel, ByteBuffer.wrap(protectedCompound, 0,
                sendCrypto.protectRtcp(protectedCompound, compound.length)), to);
    }

    private List<ReportBlock> receptionReport() {
        synchronized (receiveLock) {
            if (remoteSsrc < 0) {
                return List.of();
            }
            long delaySinceLastSenderReport = lastSenderReport == 0 ? 0
                    : NtpTime.toShortUnits(System.nanoTime() - lastSenderReportArrivalNanos);
            return List.of(new ReportBlock(remoteSsrc, reception.nextFractionLost(), reception.cumulativeLost(),
                    reception.extendedHighestSequence() & 0xFFFFFFFFL, (long) reception.jitter(), lastSenderReport,
                    delaySinceLastSenderReport));
        }
    }

    private int randomisedInterval() {
        return (int) (rtcpIntervalFrames * ThreadLocalRandom.current().nextDouble(0.5, 1.5)) + 1;
    }

    private boolean send(DatagramChannel channel, ByteBuffer datagram, InetSocketAddress to) {
        try {
            return channel.send(datagram, to) > 0;
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.log(System.Logger.Level.DEBUG, "sending to " + to + " failed", e);
            }
            return false;
        }
    }

    /** A source with what it takes to bring its frames to the codec's rate; used by the clock thread only. */
    private record SourceBinding(AudioSource source, Resampler resampler, short[] frame) {
        static SourceBinding of(AudioSource source, int codecRate) {
            Resampler resampler = Resampler.between(source.sampleRate(), codecRate);
            return new SourceBinding(source, resampler, resampler == null ? null : new short[resampler.inputSamples()]);
        }

        void read(short[] out) {
            if (resampler == null) {
                source.read(out);
            } else {
                source.read(frame);
                resampler.convert(frame, out);
            }
        }
    }

    /** A sink with what it takes to bring the codec's frames to its rate; used by the clock thread only. */
    private record SinkBinding(AudioSink sink, Resampler resampler, short[] frame) {
        static SinkBinding of(AudioSink sink, int codecRate) {
            Resampler resampler = Resampler.between(codecRate, sink.sampleRate());
            return new SinkBinding(sink, resampler, resampler == null ? null : new short[resampler.outputSamples()]);
        }

        boolean discards() {
            return sink == AudioSink.discard();
        }

        void write(short[] samples) {
            if (resampler == null) {
                sink.write(samples, samples.length);
            } else {
                resampler.convert(samples, frame);
                sink.write(frame, frame.length);
            }
        }
    }
}
