package io.vtgoconnect.sipstack;

import io.vtgoconnect.media.AudioCodec;
import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.MediaDirection;
import io.vtgoconnect.media.srtp.SdesCrypto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The audio part of an SDP body (RFC 4566): address, RTP port, transport profile, payload formats
 * in order of preference, direction, and SDES {@code a=crypto} lines (RFC 4568). Builds offers and
 * answers (RFC 3264) in the media engine's codecs with telephone events; {@link MediaAgreement}
 * reads what an offer and its answer agreed on.
 */
public record SessionDescription(String address, int port, String profile, List<RtpFormat> formats,
        MediaDirection direction, List<SdesCrypto> crypto) {
    public static final String TELEPHONE_EVENT = RtpFormat.TELEPHONE_EVENT;
    /** Telephone events at the 8000 Hz clock of G.711 and G.722. */
    public static final int DEFAULT_TELEPHONE_EVENT_PAYLOAD = 101;
    /** Telephone events at Opus's 48000 Hz clock (RFC 4733 counts the audio's clock). */
    static final int OPUS_CLOCK_TELEPHONE_EVENT_PAYLOAD = 100;
    /** Plain RTP; an offer of it may still carry {@code a=crypto} lines (best-effort SRTP). */
    public static final String PLAIN_PROFILE = "RTP/AVP";
    /** SRTP required (RFC 3711 section 12). */
    public static final String SECURE_PROFILE = "RTP/SAVP";
    /** Profiles an answer can take as they are: RTP with or without SRTP, with or without feedback (which this end never sends). */
    private static final Set<String> ANSWERABLE_PROFILES = Set.of(PLAIN_PROFILE, SECURE_PROFILE, "RTP/AVPF", "RTP/SAVPF");
    /** A peer's offer lists a few crypto lines, one per suite; more are not read. */
    private static final int MAX_CRYPTO_LINES = 16;

    public SessionDescription {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(direction, "direction");
        formats = List.copyOf(formats);
        crypto = List.copyOf(crypto);
    }

    /**
     * The phone's offer in plain RTP: its codecs in the configured order (names the media engine
     * does not know are left out), then telephone events at each codec clock rate offered.
     */
    public static SessionDescription offer(String address, int port, List<String> codecOrder, MediaDirection direction) {
        List<RtpFormat> formats = new ArrayList<>();
        Set<Integer> clocks = new LinkedHashSet<>();
        for (String name : codecOrder) {
            AudioCodec.named(name).filter(codec -> formats.stream().noneMatch(format -> format.names(codec.encodingName())))
                    .ifPresent(codec -> {
                        formats.add(RtpFormat.of(codec));
                        clocks.add(codec.clockRate());
                    });
        }
        if (clocks.isEmpty()) {
            clocks.add(G711Codec.PCMU.clockRate());
        }
        for (int clock : clocks) {
            formats.add(RtpFormat.telephoneEvent(clock == G711Codec.PCMU.clockRate() ? DEFAULT_TELEPHONE_EVENT_PAYLOAD
                    : OPUS_CLOCK_TELEPHONE_EVENT_PAYLOAD, clock));
        }
        return new SessionDescription(address, port, PLAIN_PROFILE, formats, direction, List.of());
    }

    /** This offer with the policy's profile and fresh {@code a=crypto} lines, one per suite (unchanged when SRTP is off). */
    public SessionDescription secured(SrtpPolicy srtp) {
        if (srtp.mode() == SrtpMode.OFF) {
            return this;
        }
        return new SessionDescription(address, port, srtp.offerProfile(), formats, direction, srtp.offerLines());
    }

    /**
     * A later offer of the same call (hold, resume): this end's description with another
     * direction, keeping its formats, profile and keys.
     */
    public SessionDescription reoffer(MediaDirection newDirection) {
        return new SessionDescription(address, port, profile, formats, newDirection, crypto);
    }

    /**
     * The plain-RTP answer to the far end's offer: the first codec of ours it offers, and its
     * telephone events. Empty when no codec is shared, or when the offer requires SRTP.
     */
    public static Optional<SessionDescription> answer(SessionDescription offer, String address, int port, List<String> codecOrder,
            MediaDirection direction) {
        return answer(offer, address, port, codecOrder, direction, SrtpPolicy.OFF, List.of());
    }

    /**
     * The answer to the far end's offer: the first codec of ours it offers (on the offer's payload
     * type, with this end's format parameters), its telephone events at that codec's clock rate,
     * and, as the policy says, an {@code a=crypto} line answering one of the offer's (keeping the
     * key of {@code ownKeys} of the same suite, this end's lines so far in the call). Empty, so
     * that the offer is refused (488), when no codec is shared, the offer's profile is one this
     * end does not speak (DTLS-SRTP), it requires SRTP and no line of it can be taken, or SRTP is
     * mandatory here and the offer has no line this end can take.
     */
    public static Optional<SessionDescription> answer(SessionDescription offer, String address, int port, List<String> codecOrder,
            MediaDirection direction, SrtpPolicy srtp, List<SdesCrypto> ownKeys) {
        if (!ANSWERABLE_PROFILES.contains(offer.profile)) {
            return Optional.empty();
        }
        Optional<RtpFormat> chosen = offer.firstOf(codecOrder);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        Optional<SdesCrypto> line = srtp.answerLine(offer.crypto, ownKeys);
        if (line.isEmpty() && (offer.isSecure() || srtp.mode() == SrtpMode.MANDATORY)) {
            return Optional.empty();
        }
        AudioCodec codec = chosen.get().codec().orElseThrow();
        List<RtpFormat> formats = new ArrayList<>();
        formats.add(RtpFormat.of(codec, chosen.get().payloadType()));
        offer.telephoneEvents(codec.clockRate()).ifPresent(formats::add);
        return Optional.of(new SessionDescription(address, port, offer.profile, formats, direction,
                line.map(List::of).orElse(List.of())));
    }

    /** The same description on another port. */
    public SessionDescription withPort(int newPort) {
        return new SessionDescription(address, newPort, profile, formats, direction, crypto);
    }

    /** The direction that answers the one the far end offered (RFC 3264 6.1). */
    public static MediaDirection answering(MediaDirection offered) {
        return switch (offered) {
            case SENDONLY -> MediaDirection.RECVONLY;
            case RECVONLY -> MediaDirection.SENDONLY;
            default -> offered;
        };
    }

    /** Whether the far end, offering this direction, holds the call. */
    public static boolean holds(MediaDirection offered) {
        return offered == MediaDirection.SENDONLY || offered == MediaDirection.INACTIVE;
    }

    /** Whether the profile requires SRTP ({@code RTP/SAVP}, {@code RTP/SAVPF}). */
    public boolean isSecure() {
        return profile.startsWith("RTP/SAVP");
    }

    /** The payload type carrying the encoding, e.g. 0 for PCMU. */
    public Optional<Integer> payloadOf(String encoding) {
        return formats.stream().filter(format -> format.names(encoding)).map(RtpFormat::payloadType).findFirst();
    }

    /** The first audio codec (not telephone-event) listed, by its encoding name. */
    public Optional<String> firstCodec() {
        return formats.stream().filter(format -> !format.isTelephoneEvent()).map(RtpFormat::encoding).findFirst();
    }

    /** The first of these codecs, in this order, that the description lists in a form the media engine has. */
    private Optional<RtpFormat> firstOf(List<String> codecOrder) {
        // Loops, not streams, here and in telephoneEvents: every call's offer and answer come through them, and the
        // runtime's JIT (C1 alone, see runtime/jvm.options) builds each stream's pipeline in full.
        for (String name : codecOrder) {
            for (RtpFormat format : formats) {
                if (format.names(name) && format.codec().isPresent()) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** The telephone events at this clock rate, else the first ones listed. */
    Optional<RtpFormat> telephoneEvents(int clockRate) {
        RtpFormat first = null;
        for (RtpFormat format : formats) {
            if (format.isTelephoneEvent()) {
                if (format.clockRate() == clockRate) {
                    return Optional.of(format);
                }
                if (first == null) {
                    first = format;
                }
            }
        }
        return Optional.ofNullable(first);
    }

    public String format(long sessionId, long version) {
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=- ").append(sessionId).append(' ').append(version).append(" IN ").append(addressType()).append(' ').append(address).append("\r\n")
                .append("s=VTGOConnect\r\n")
                .append("c=IN ").append(addressType()).append(' ').append(address).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(' ').append(profile);
        formats.forEach(format -> sdp.append(' ').append(format.payloadType()));
        sdp.append("\r\n");
        for (RtpFormat format : formats) {
            sdp.append("a=rtpmap:").append(format.payloadType()).append(' ').append(format.rtpmap()).append("\r\n");
            if (!format.parameters().isEmpty()) {
                sdp.append("a=fmtp:").append(format.payloadType()).append(' ').append(format.parameters()).append("\r\n");
            }
        }
        crypto.forEach(line -> sdp.append(line.sdpLine()).append("\r\n"));
        return sdp.append("a=ptime:20\r\n").append("a=").append(direction.sdpAttribute()).append("\r\n").toString();
    }

    private String addressType() {
        return address.contains(":") ? "IP6" : "IP4";
    }

    /** Never the keys of the crypto lines. */
    @Override
    public String toString() {
        return "SessionDescription[" + address + ":" + port + " " + profile + " " + formats + " " + direction
                + (crypto.isEmpty() ? "" : " " + crypto) + "]";
    }

    /**
     * Reads the first audio stream of an SDP body; static payload types need no rtpmap. Total: empty
     * when the body names no audio stream, or names it with an address that is not an IP literal
     * (nothing is resolved), a port outside 1 to 65535, or a line it cannot read. A crypto line it
     * cannot read, or of a suite it does not know, is left out.
     */
    public static Optional<SessionDescription> parse(String body) {
        try {
            return new SdpReader().read(body);
        } catch (NumberFormatException | IndexOutOfBoundsException malformed) {
            // A number or field the grammar of RFC 4566 requires is missing or not a number: no description.
            return Optional.empty();
        }
    }

    /**
     * The fields of an SDP line between runs of spaces, as {@code Pattern.compile(" +").split(text, limit)} gives them
     * (a line that begins with a space has an empty first field; with limit 0, empty last fields are dropped), without
     * a regular expression: every offer and answer of every call is split here, by the runtime's C1-compiled code.
     */
    static String[] splitAtSpaces(String text, int limit) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        int at = 0;
        while (at < text.length() && (limit <= 0 || fields.size() < limit - 1)) {
            if (text.charAt(at) != ' ') {
                at++;
                continue;
            }
            int end = at;
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
            fields.add(text.substring(start, end));
            start = at;
        }
        if (fields.isEmpty()) {
            return new String[] {text};
        }
        fields.add(text.substring(start));
        int count = fields.size();
        while (limit == 0 && count > 0 && fields.get(count - 1).isEmpty()) {
            count--;
        }
        return fields.subList(0, count).toArray(new String[0]);
    }

    /** The fields of one body as they are read, line by line. */
    private static final class SdpReader {
        private String sessionAddress;
        private String mediaAddress;
        private int port = -1;
        private String profile;
        private final List<Integer> types = new ArrayList<>();
        private final Map<Integer, RtpFormat> mapped = new LinkedHashMap<>();
        private final Map<Integer, String> parameters = new LinkedHashMap<>();
        private final List<SdesCrypto> crypto = new ArrayList<>();
        private MediaDirection sessionDirection = MediaDirection.SENDRECV;
        private MediaDirection mediaDirection;
        private boolean inAudio;
        private boolean seenMedia;

        Optional<SessionDescription> read(String body) {
            // Lines end in CRLF or LF; the CR goes with the other white space that strip removes.
            for (int start = 0; start < body.length(); ) {
                int end = body.indexOf('\n', start);
                end = end < 0 ? body.length() : end;
                String line = body.substring(start, end).strip();
                if (line.length() >= 2 && line.charAt(1) == '=') {
                    take(line.charAt(0), line.substring(2));
                }
                start = end + 1;
            }
            String address = mediaAddress != null ? mediaAddress : sessionAddress;
            if (port < 1 || port > 65535 || !HostPort.isIpLiteral(address)) {
                return Optional.empty();
            }
            List<RtpFormat> formats = new ArrayList<>();
            for (int type : types) {
                RtpFormat format = mapped.getOrDefault(type, RtpFormat.unmapped(type));
                formats.add(new RtpFormat(type, format.encoding(), format.clockRate(), format.channels(),
                        parameters.getOrDefault(type, "")));
            }
            return Optional.of(new SessionDescription(address, port, profile, formats,
                    mediaDirection != null ? mediaDirection : sessionDirection, crypto));
        }

        private void take(char type, String value) {
            switch (type) {
                case 'm' -> {
                    inAudio = !seenMedia && value.startsWith("audio ");
                    if (inAudio) {
                        String[] fields = splitAtSpaces(value, 0);
                        port = Integer.parseInt(fields[1].split("/")[0]);
                        profile = fields[2];
                        for (int i = 3; i < fields.length; i++) {
                            types.add(payloadType(fields[i]));
                        }
                    }
                    seenMedia = true;
                }
                case 'c' -> {
                    String[] fields = splitAtSpaces(value, 0);
                    String address = fields.length > 2 ? fields[2].split("/")[0] : null;
                    if (!seenMedia) {
                        sessionAddress = address;
                    } else if (inAudio) {
                        mediaAddress = address;
                    }
                }
                case 'a' -> attribute(value);
                default -> {
                }
            }
        }

        private void attribute(String value) {
            if (value.startsWith("rtpmap:") && inAudio) {
                String[] fields = splitAtSpaces(value.substring(7), 2);
                String[] map = fields[1].strip().split("/");
                int type = payloadType(fields[0]);
                mapped.put(type, new RtpFormat(type, map[0], map.length > 1 ? Integer.parseInt(map[1]) : 8000,
                        map.length > 2 ? Integer.parseInt(map[2]) : 1, ""));
                return;
            }
            if (value.startsWith("fmtp:") && inAudio) {
                String[] fields = splitAtSpaces(value.substring(5), 2);
                parameters.put(payloadType(fields[0]), fields.length > 1 ? fields[1].strip() : "");
                return;
            }
            if (value.startsWith("crypto:") && inAudio) {
                if (crypto.size() < MAX_CRYPTO_LINES) {
                    try {
                        crypto.add(SdesCrypto.parse(value.substring("crypto:".length())));
                    } catch (IllegalArgumentException unusable) {
                        // A suite this end does not know (AEAD_AES_256_GCM, say) or a malformed key: another line may do.
                    }
                }
                return;
            }
            for (MediaDirection direction : MediaDirection.values()) {
                if (value.equals(direction.sdpAttribute())) {
                    if (inAudio) {
                        mediaDirection = direction;
                    } else if (!seenMedia) {
                        sessionDirection = direction;
                    }
                }
            }
        }

        /** An RTP payload type, 0 to 127 (RFC 3551). */
        private static int payloadType(String text) {
            int type = Integer.parseInt(text.strip());
            if (type < 0 || type > 127) {
                throw new NumberFormatException("payload type " + type);
            }
            return type;
        }
    }
}
