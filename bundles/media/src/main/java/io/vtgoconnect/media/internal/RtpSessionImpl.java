package io.vtgoconnect.media.internal;

import io.vtgoconnect.media.AudioSink;
import io.vtgoconnect.media.AudioSource;
import io.vtgoconnect.media.DtmfListener;
import io.vtgoconnect.media.FarEndReport;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.Gain;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.MediaEngine;
import io.vtgoconnect.media.MediaStatistics;
import io.vtgoconnect.media.RtpSession;
import io.vtgoconnect.media.RtpSessionConfig;
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
 * settings are volatile so that any thread may change them.
 */
public final class RtpSessionImpl implements RtpSession {
    private static final System.Logger LOG = System.getLogger(RtpSessionImpl.class.getName());
    private static final int FRAME = MediaEngine.FRAME_SAMPLES;
    /** The longest audio payload played: 60 ms, for a far end that ignores our 20 ms ptime. */
    private static final int MAX_PAYLOAD = 3 * FRAME;
    private static final int JITTER_BUFFER_FRAMES = 50;
    private static final int MAX_PACKET = 1500;

    private final G711Codec codec;
    private final int eventPayloadType;
    private final long playoutDelayMillis;
    private final int rtcpIntervalFrames;
    private final DatagramChannel rtpChannel;
    private final DatagramChannel rtcpChannel;
    private final InetSocketAddress localRtp;
    private final InetSocketAddress localRtcp;
    private final ClockWorker clock;
    private final ReceiveLoop receiver;
    private final Consumer<RtpSessionImpl> onClosed;
    private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private final String cname = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final long openedNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile InetSocketAddress remoteRtp;
    private volatile InetSocketAddress remoteRtcp;
    private volatile boolean rtcpLatched;
    private volatile MediaDirection direction = MediaDirection.SENDRECV;
    private volatile AudioSource source = AudioSource.silence();
    private volatile AudioSink sink = AudioSink.discard();
    private volatile Gain microphoneGain = Gain.UNITY;
    private volatile Gain speakerGain = Gain.UNITY;
    private volatile boolean muted;
    private volatile DtmfListener dtmfListener = digit -> {
    };

    // Written by the clock thread only; the counters are volatile for statistics().
    private final DtmfSender dtmfSender = new DtmfSender();
    private final short[] sendPcm = new short[FRAME];
    private final byte[] sendPayload = new byte[FRAME];
    private final byte[] sendBuffer = new byte[MAX_PACKET];
    private final ByteBuffer sendView = ByteBuffer.wrap(sendBuffer);
    private final byte[] playoutPayload = new byte[MAX_PAYLOAD];
    private final short[] playoutPcm = new short[MAX_PAYLOAD];
    private int sequenceNumber = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextLong(1L << 32);
    private boolean sentLastFrame;
    private volatile boolean sentSinceReport;
    private int framesToReport;
    private volatile long packetsSent;
    private volatile long bytesSent;

    // Written by the receive thread only; what statistics() and RTCP read is volatile or under receiveLock.
    private final JitterBuffer jitterBuffer;
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver(digit -> dtmfListener.digitReceived(digit));
    private volatile long packetsReceived;
    private volatile long bytesReceived;
    private volatile FarEndReport farEnd;
    private final Object receiveLock = new Object();
    private ReceptionStatistics reception = new ReceptionStatistics();
    private long remoteSsrc = -1;
    private long lostFromEarlierSources;
    private long expectedFromEarlierSources;
    private long lastSenderReport;
    private long lastSenderReportArrivalNanos;

    public RtpSessionImpl(RtpSessionConfig config, PortAllocator.ChannelPair channels, ClockWorker clock,
            ReceiveLoop receiver, Consumer<RtpSessionImpl> onClosed) throws IOException {
        this.codec = config.codec();
        this.eventPayloadType = config.telephoneEventPayloadType();
        this.playoutDelayMillis = config.playoutDelay().toMillis();
        this.rtcpIntervalFrames = (int) (config.rtcpInterval().toMillis() / MediaEngine.FRAME_MILLIS);
        this.rtpChannel = channels.rtp();
        this.rtcpChannel = channels.rtcp();
        this.localRtp = (InetSocketAddress) rtpChannel.getLocalAddress();
        this.localRtcp = (InetSocketAddress) rtcpChannel.getLocalAddress();
        this.clock = clock;
        this.receiver = receiver;
        this.onClosed = onClosed;
        this.jitterBuffer = new JitterBuffer(FRAME, (int) (playoutDelayMillis / MediaEngine.FRAME_MILLIS),
                JITTER_BUFFER_FRAMES, MAX_PAYLOAD);
        // RFC 3550 section 6.2: the first report after half the interval.
        this.framesToReport = randomisedInterval() / 2;
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
        source = Objects.requireNonNull(newSource, "source");
    }

    @Override
    public void setSink(AudioSink newSink) {
        sink = Objects.requireNonNull(newSink, "sink");
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
        double jitterMillis = jitterSamples * 1000 / MediaEngine.SAMPLE_RATE;
        FarEndReport report = farEnd;
        double networkDelayMillis = report == null || report.roundTrip() == null ? 0
                : report.roundTrip().toNanos() / 2e6;
        double delayMillis = networkDelayMillis + playoutDelayMillis + MediaEngine.FRAME_MILLIS + 2 * jitterMillis;
        double lossPercent = expected > 0 ? 100.0 * (lost + discarded) / expected : 0;
        return new MediaStatistics(codec.displayName() + ":" + MediaEngine.FRAME_MILLIS + "ms", localRtp, localRtcp,
                remoteRtp, remoteRtcp, Duration.ofNanos(System.nanoTime() - openedNanos), packetsSent, bytesSent,
                packetsReceived, bytesReceived, lost, discarded, jitterMillis, report,
                EModel.mos(lossPercent, delayMillis));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        clock.remove(this);
        sendReport(true);
        receiver.unregister(rtpChannel, rtcpChannel);
        onClosed.accept(this);
    }

    /** One 20 ms frame: send a frame, play out what is due, and an RTCP report when its time comes. */
    void tick() {
        if (closed.get()) {
            return;
        }
        long frameTimestamp = timestamp;
        timestamp = (timestamp + FRAME) & 0xFFFFFFFFL;
        sendFrame(frameTimestamp);
        playOut();
        if (--framesToReport <= 0) {
            sendReport(false);
            framesToReport = randomisedInterval();
        }
    }

    /** Takes a datagram from the RTP socket. */
    private void onRtp(byte[] data, int length, InetSocketAddress from, long arrivalNanos) {
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(data, 0, length);
        } catch (MalformedPacketException e) {
            return;
        }
        boolean audio = packet.payloadType() == codec.payloadType();
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
        bytesReceived += packet.payload().length;
        latchRemote(from);
        if (!direction.receives()) {
            return;
        }
        if (audio) {
            jitterBuffer.offer(packet.sequenceNumber(), packet.timestamp(), packet.payload(), 0,
                    packet.payload().length);
        } else {
            receiveEvent(packet);
        }
    }

    /** Takes a datagram from the RTCP socket. */
    private void onRtcp(byte[] data, int length, InetSocketAddress from, long arrivalNanos) {
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
        reception = new ReceptionStatistics();
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

    private void receiveEvent(RtpPacket packet) {
        try {
            dtmfReceiver.accept(packet.timestamp(), TelephoneEvent.parse(packet.payload()));
        } catch (MalformedPacketException e) {
            LOG.log(System.Logger.Level.DEBUG, "telephone event dropped: {0}", e.getMessage());
        }
    }

    private void readReports(List<ReportBlock> reports) {
        for (ReportBlock block : reports) {
            if (block.ssrc() == ssrc) {
                farEnd = new FarEndReport(block.cumulativeLost(), block.fractionLost() / 256.0,
                        block.jitter() * 1000.0 / MediaEngine.SAMPLE_RATE, roundTrip(block));
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

    private void playOut() {
        int length = jitterBuffer.poll(playoutPayload);
        if (length > 0 && direction.receives()) {
            codec.decode(playoutPayload, 0, length, playoutPcm);
            speakerGain.apply(playoutPcm, length);
        } else {
            length = FRAME;
            Arrays.fill(playoutPcm, 0, length, (short) 0);
        }
        sink.write(playoutPcm, length);
    }

    private void sendFrame(long frameTimestamp) {
        source.read(sendPcm);
        InetSocketAddress to = remoteRtp;
        if (to == null || !direction.sends()) {
            sentLastFrame = false;
            return;
        }
        DtmfSender.Step event = dtmfSender.next(frameTimestamp);
        RtpPacket packet;
        if (event != null) {
            packet = new RtpPacket(event.marker(), eventPayloadType, sequenceNumber, event.timestamp(), ssrc,
                    event.event().toBytes());
        } else {
            if (muted) {
                Arrays.fill(sendPcm, (short) 0);
            } else {
                microphoneGain.apply(sendPcm, FRAME);
            }
            codec.encode(sendPcm, FRAME, sendPayload);
            // The marker starts a talkspurt: the first frame after not sending.
            packet = new RtpPacket(!sentLastFrame, codec.payloadType(), sequenceNumber, frameTimestamp, ssrc,
                    sendPayload);
        }
        sendView.clear().limit(packet.writeTo(sendBuffer, 0));
        if (send(rtpChannel, sendView, to)) {
            sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
            packetsSent++;
            bytesSent += packet.payload().length;
            sentLastFrame = true;
            sentSinceReport = true;
        }
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
        send(rtcpChannel, ByteBuffer.wrap(RtcpCompound.toBytes(packets)), to);
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
}
