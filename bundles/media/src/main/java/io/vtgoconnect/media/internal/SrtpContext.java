package io.vtgoconnect.media.internal;

import io.vtgoconnect.media.srtp.MasterKey;
import io.vtgoconnect.media.srtp.SrtpSuite;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP and SRTCP transforms of one direction (RFC 3711) under one master key, for every SSRC
 * that direction carries: session keys derived once (key derivation rate 0, section 4.3), AES in
 * counter mode for confidentiality (4.1.1), HMAC-SHA1 for authentication (4.2), the rollover
 * counter kept from the sequence numbers (3.3.1 and appendix A), and a 64-packet replay window
 * (3.3.2). The cryptography is the JDK's: AES/CTR is RFC 3711's counter mode, since an SRTP
 * packet's counter never carries out of its low 16 bits. Packets are transformed in place; a
 * buffer must have room for the tag and, for SRTCP, the index. Thread-safe.
 */
public final class SrtpContext {
    private static final int LABEL_RTP_ENCRYPTION = 0;
    private static final int LABEL_RTP_AUTHENTICATION = 1;
    private static final int LABEL_RTP_SALT = 2;
    private static final int LABEL_RTCP_ENCRYPTION = 3;
    private static final int LABEL_RTCP_AUTHENTICATION = 4;
    private static final int LABEL_RTCP_SALT = 5;
    private static final int SESSION_KEY_LENGTH = 16;
    private static final int AUTHENTICATION_KEY_LENGTH = 20;
    private static final int RTP_HEADER = 12;
    /** The fixed part of an RTCP packet left in the clear: its header and the sender's SSRC. */
    private static final int RTCP_CLEAR = 8;
    private static final int SRTCP_INDEX_LENGTH = 4;
    private static final long SRTCP_INDEX_MASK = 0x7FFFFFFFL;
    private static final int REPLAY_WINDOW = 64;
    /** Sources remembered at once; a far end changes SSRC rarely, a flood of new ones evicts the oldest. */
    private static final int MAX_SOURCES = 16;

    private final SrtpSuite suite;
    private final Transform rtp;
    private final Transform rtcp;
    private final Map<Long, Source> sources = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Source> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    public SrtpContext(SrtpSuite suite, MasterKey masterKey) {
        this.suite = suite;
        try {
            this.rtp = new Transform(masterKey, LABEL_RTP_ENCRYPTION, LABEL_RTP_AUTHENTICATION, LABEL_RTP_SALT);
            this.rtcp = new Transform(masterKey, LABEL_RTCP_ENCRYPTION, LABEL_RTCP_AUTHENTICATION, LABEL_RTCP_SALT);
        } catch (GeneralSecurityException e) {
            // AES and HmacSHA1 are in every Java SE runtime.
            throw new IllegalStateException("the JDK lacks AES/CTR or HmacSHA1", e);
        }
    }

    public SrtpSuite suite() {
        return suite;
    }

    /** Bytes SRTP adds to an RTP packet. */
    public int rtpOverhead() {
        return suite.rtpTagLength();
    }

    /** Bytes SRTCP adds to an RTCP compound packet. */
    public static int rtcpOverhead() {
        return SRTCP_INDEX_LENGTH + SrtpSuite.SRTCP_TAG_LENGTH;
    }

    /**
     * Encrypts and authenticates the RTP packet of {@code length} bytes at the start of
     * {@code packet}.
     *
     * @return the SRTP packet's length, or -1 when the packet is not RTP
     */
    public synchronized int protectRtp(byte[] packet, int length) {
        int header = rtpHeaderLength(packet, length);
        if (header < 0 || length + rtpOverhead() > packet.length) {
            return -1;
        }
        int sequence = RtpPacket.readUnsignedShort(packet, 2);
        Source source = source(RtpPacket.readUnsignedInt(packet, 8));
        long roc = source.sendingRollover(sequence);
        rtp.crypt(packet, header, length - header, RtpPacket.readUnsignedInt(packet, 8), roc << 16 | sequence);
        rtp.sign(packet, length, roc, suite.rtpTagLength());
        return length + suite.rtpTagLength();
    }

    /**
     * Checks and decrypts the SRTP packet of {@code length} bytes at the start of {@code packet}.
     *
     * @return the RTP packet's length, or -1 when it fails authentication, is a replay or too
     *         old for the window, or is no SRTP packet
     */
    public synchronized int unprotectRtp(byte[] packet, int length) {
        int plainLength = length - suite.rtpTagLength();
        int header = rtpHeaderLength(packet, plainLength);
        if (header < 0) {
            return -1;
        }
        int sequence = RtpPacket.readUnsignedShort(packet, 2);
        long ssrc = RtpPacket.readUnsignedInt(packet, 8);
        Source source = sources.get(ssrc);
        Source candidate = source != null ? source : new Source();
        long roc = candidate.estimateRollover(sequence);
        long index = roc << 16 | sequence;
        if (candidate.replayed(index) || !rtp.verify(packet, plainLength, roc, suite.rtpTagLength())) {
            return -1;
        }
        if (source == null) {
            sources.put(ssrc, candidate);
        }
        candidate.accept(index);
        rtp.crypt(packet, header, plainLength - header, ssrc, index);
        return plainLength;
    }

    /**
     * Encrypts and authenticates the RTCP compound packet of {@code length} bytes at the start of
     * {@code packet}, appending the SRTCP index and tag.
     *
     * @return the SRTCP packet's length, or -1 when it is too short to be RTCP
     */
    public synchronized int protectRtcp(byte[] packet, int length) {
        if (length < RTCP_CLEAR || length + rtcpOverhead() > packet.length) {
            return -1;
        }
        long ssrc = RtpPacket.readUnsignedInt(packet, 4);
        Source source = source(ssrc);
        long index = source.nextRtcpIndex();
        rtcp.crypt(packet, RTCP_CLEAR, length - RTCP_CLEAR, ssrc, index);
        RtpPacket.writeInt(packet, length, 0x80000000L | index);
        int signed = length + SRTCP_INDEX_LENGTH;
        rtcp.sign(packet, signed, -1, SrtpSuite.SRTCP_TAG_LENGTH);
        return signed + SrtpSuite.SRTCP_TAG_LENGTH;
    }

    /**
     * Checks and, when its E flag says so, decrypts the SRTCP packet of {@code length} bytes.
     *
     * @return the RTCP compound packet's length, or -1 when it fails authentication, is a
     *         replay, or is too short
     */
    public synchronized int unprotectRtcp(byte[] packet, int length) {
        int signed = length - SrtpSuite.SRTCP_TAG_LENGTH;
        int plainLength = signed - SRTCP_INDEX_LENGTH;
        if (plainLength < RTCP_CLEAR) {
            return -1;
        }
        long word = RtpPacket.readUnsignedInt(packet, plainLength);
        long index = word & SRTCP_INDEX_MASK;
        long ssrc = RtpPacket.readUnsignedInt(packet, 4);
        Source source = sources.get(ssrc);
        Source candidate = source != null ? source : new Source();
        if (candidate.rtcpReplayed(index) || !rtcp.verify(packet, signed, -1, SrtpSuite.SRTCP_TAG_LENGTH)) {
            return -1;
        }
        if (source == null) {
            sources.put(ssrc, candidate);
        }
        candidate.acceptRtcp(index);
        if ((word & 0x80000000L) != 0) {
            rtcp.crypt(packet, RTCP_CLEAR, plainLength - RTCP_CLEAR, ssrc, index);
        }
        return plainLength;
    }

    private Source source(long ssrc) {
        return sources.computeIfAbsent(ssrc, s -> new Source());
    }

    /** The length of the RTP header with its CSRCs and extension, or -1 when they do not fit. */
    private static int rtpHeaderLength(byte[] packet, int length) {
        if (length < RTP_HEADER || (packet[0] & 0xC0) != 0x80) {
            return -1;
        }
        int header = RTP_HEADER + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0) {
            if (header + 4 > length) {
                return -1;
            }
            header += 4 + 4 * RtpPacket.readUnsignedShort(packet, header + 2);
        }
        return header <= length ? header : -1;
    }

    /**
     * The AES-CM pseudo-random function of section 4.3.3 with a key derivation rate of 0: the
     * keystream of the master key from the master salt XOR the label (at byte 7 of the salt).
     */
    static byte[] deriveKey(MasterKey masterKey, int label, int length) throws GeneralSecurityException {
        byte[] iv = new byte[16];
        System.arraycopy(masterKey.salt(), 0, iv, 0, SrtpSuite.MASTER_SALT_LENGTH);
        iv[7] ^= (byte) label;
        Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey.key(), "AES"), new IvParameterSpec(iv));
        return aes.doFinal(new byte[length]);
    }

    /** One kind of packet's session keys and the JDK objects that use them. */
    static final class Transform {
        private final SecretKeySpec encryptionKey;
        private final byte[] salt;
        private final Cipher aes;
        private final Mac hmac;
        private final byte[] iv = new byte[16];
        private final byte[] rollover = new byte[4];
        private final byte[] tag = new byte[AUTHENTICATION_KEY_LENGTH];

        Transform(MasterKey masterKey, int encryptionLabel, int authenticationLabel, int saltLabel)
                throws GeneralSecurityException {
            this(deriveKey(masterKey, encryptionLabel, SESSION_KEY_LENGTH),
                    deriveKey(masterKey, saltLabel, SrtpSuite.MASTER_SALT_LENGTH),
                    deriveKey(masterKey, authenticationLabel, AUTHENTICATION_KEY_LENGTH));
        }

        /** With session keys given, as RFC 3711's keystream test vector gives them. */
        Transform(byte[] sessionKey, byte[] sessionSalt, byte[] authenticationKey) throws GeneralSecurityException {
            encryptionKey = new SecretKeySpec(sessionKey, "AES");
            salt = sessionSalt.clone();
            aes = Cipher.getInstance("AES/CTR/NoPadding");
            hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(authenticationKey, "HmacSHA1"));
        }

        /** Section 4.1.1: IV = (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16); XORs the keystream in place. */
        void crypt(byte[] data, int offset, int length, long ssrc, long index) {
            System.arraycopy(salt, 0, iv, 0, salt.length);
            iv[14] = 0;
            iv[15] = 0;
            for (int i = 0; i < 4; i++) {
                iv[4 + i] ^= (byte) (ssrc >> (24 - 8 * i));
            }
            for (int i = 0; i < 6; i++) {
                iv[8 + i] ^= (byte) (index >> (40 - 8 * i));
            }
            try {
                aes.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
                aes.doFinal(data, offset, length, data, offset);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/CTR refused a packet", e);
            }
        }

        /** Appends the tag over the first {@code length} bytes (and the ROC unless it is negative). */
        void sign(byte[] data, int length, long roc, int tagLength) {
            mac(data, length, roc);
            System.arraycopy(tag, 0, data, length, tagLength);
        }

        /** Whether the tag after the first {@code length} bytes is theirs, compared in constant time. */
        boolean verify(byte[] data, int length, long roc, int tagLength) {
            if (length < 0) {
                return false;
            }
            mac(data, length, roc);
            byte[] received = new byte[tagLength];
            System.arraycopy(data, length, received, 0, tagLength);
            byte[] expected = new byte[tagLength];
            System.arraycopy(tag, 0, expected, 0, tagLength);
            return MessageDigest.isEqual(expected, received);
        }

        private void mac(byte[] data, int length, long roc) {
            hmac.update(data, 0, length);
            if (roc >= 0) {
                RtpPacket.writeInt(rollover, 0, roc);
                hmac.update(rollover);
            }
            try {
                hmac.doFinal(tag, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("HMAC-SHA1 is 20 bytes", e);
            }
        }
    }

    /** What one SSRC's stream has seen: its highest index and the replay windows. */
    static final class Source {
        private boolean started;
        private long rollover;
        private int highestSequence;
        private long window;
        private boolean sending;
        private long nextRtcpIndex;
        private long highestRtcpIndex = -1;
        private long rtcpWindow;

        /** The ROC of a packet this end sends: it goes up when the sequence number wraps. */
        long sendingRollover(int sequence) {
            if (sending && sequence < highestSequence && highestSequence - sequence > 0x8000) {
                rollover = (rollover + 1) & 0xFFFFFFFFL;
            }
            if (!sending || ((sequence - highestSequence) & 0xFFFF) < 0x8000) {
                highestSequence = sequence;
            }
            sending = true;
            return rollover;
        }

        /** Appendix A: the ROC the sender most likely used, from the highest sequence number seen. */
        long estimateRollover(int sequence) {
            if (!started) {
                return rollover;
            }
            if (highestSequence < 0x8000) {
                return sequence - highestSequence > 0x8000 ? (rollover - 1) & 0xFFFFFFFFL : rollover;
            }
            return highestSequence - 0x8000 > sequence ? (rollover + 1) & 0xFFFFFFFFL : rollover;
        }

        boolean replayed(long index) {
            if (!started) {
                return false;
            }
            long delta = index - highest();
            return delta <= 0 && (-delta >= REPLAY_WINDOW || (window & 1L << -delta) != 0);
        }

        /** Marks an authenticated packet's index as seen. */
        void accept(long index) {
            if (!started) {
                started = true;
                setHighest(index);
                window = 1;
                return;
            }
            long delta = index - highest();
            if (delta > 0) {
                window = delta >= REPLAY_WINDOW ? 1 : window << delta | 1;
                setHighest(index);
            } else {
                window |= 1L << -delta;
            }
        }

        long nextRtcpIndex() {
            long index = nextRtcpIndex;
            nextRtcpIndex = (nextRtcpIndex + 1) & SRTCP_INDEX_MASK;
            return index;
        }

        boolean rtcpReplayed(long index) {
            if (highestRtcpIndex < 0) {
                return false;
            }
            long delta = index - highestRtcpIndex;
            return delta <= 0 && (-delta >= REPLAY_WINDOW || (rtcpWindow & 1L << -delta) != 0);
        }

        void acceptRtcp(long index) {
            long delta = index - highestRtcpIndex;
            if (highestRtcpIndex < 0 || delta >= REPLAY_WINDOW) {
                rtcpWindow = 1;
                highestRtcpIndex = index;
            } else if (delta > 0) {
                rtcpWindow = rtcpWindow << delta | 1;
                highestRtcpIndex = index;
            } else {
                rtcpWindow |= 1L << -delta;
            }
        }

        private long highest() {
            return rollover << 16 | highestSequence;
        }

        private void setHighest(long index) {
            rollover = index >>> 16;
            highestSequence = (int) (index & 0xFFFF);
        }
    }
}
