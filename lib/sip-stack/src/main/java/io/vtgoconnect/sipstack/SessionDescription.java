package io.vtgoconnect.sipstack;

import io.vtgoconnect.media.G711Codec;
import io.vtgoconnect.media.MediaDirection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The audio part of an SDP body (RFC 4566): address, RTP port, payload types with their encoding
 * names, and direction. Builds offers and answers for G.711 with telephone events (RFC 3264).
 */
public record SessionDescription(String address, int port, Map<Integer, String> payloads, MediaDirection direction) {
    public static final String TELEPHONE_EVENT = "telephone-event";
    public static final int DEFAULT_TELEPHONE_EVENT_PAYLOAD = 101;

    public SessionDescription {
        // A copy that keeps the order: the first payload type is the preferred one.
        payloads = Collections.unmodifiableMap(new LinkedHashMap<>(payloads));
    }

    /** The phone's offer: its codecs in the configured order, then telephone events. */
    public static SessionDescription offer(String address, int port, List<String> codecOrder, MediaDirection direction) {
        Map<Integer, String> payloads = new LinkedHashMap<>();
        for (String name : codecOrder) {
            codecNamed(name).ifPresent(codec -> payloads.put(codec.payloadType(), codec.encodingName()));
        }
        payloads.put(DEFAULT_TELEPHONE_EVENT_PAYLOAD, TELEPHONE_EVENT);
        return new SessionDescription(address, port, payloads, direction);
    }

    /** The answer to the far end's offer: the first codec of ours it offers, and its telephone events. Empty when no codec is shared. */
    public static Optional<SessionDescription> answer(SessionDescription offer, String address, int port, List<String> codecOrder,
            MediaDirection direction) {
        Optional<String> codec = codecOrder.stream().map(c -> c.strip().toUpperCase(Locale.ROOT))
                .filter(c -> offer.payloadOf(c).isPresent()).findFirst();
        if (codec.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, String> payloads = new LinkedHashMap<>();
        payloads.put(offer.payloadOf(codec.get()).orElseThrow(), codec.get());
        offer.payloadOf(TELEPHONE_EVENT).ifPresent(type -> payloads.put(type, TELEPHONE_EVENT));
        return Optional.of(new SessionDescription(address, port, payloads, direction));
    }

    /** The G.711 codec of an encoding name such as {@code pcmu}. */
    public static Optional<G711Codec> codecNamed(String encodingName) {
        return Arrays.stream(G711Codec.values()).filter(codec -> codec.encodingName().equalsIgnoreCase(encodingName.strip()))
                .findFirst();
    }

    /** The same description on another port. */
    public SessionDescription withPort(int newPort) {
        return new SessionDescription(address, newPort, payloads, direction);
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

    /** The payload type carrying the encoding, e.g. 0 for PCMU. */
    public Optional<Integer> payloadOf(String encoding) {
        return payloads.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(encoding))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The first audio codec (not telephone-event) listed. */
    public Optional<String> firstCodec() {
        return payloads.values().stream().filter(name -> !name.equalsIgnoreCase(TELEPHONE_EVENT)).findFirst();
    }

    public String format(long sessionId, long version) {
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=- ").append(sessionId).append(' ').append(version).append(" IN ").append(addressType()).append(' ').append(address).append("\r\n")
                .append("s=VTGOConnect\r\n")
                .append("c=IN ").append(addressType()).append(' ').append(address).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP");
        payloads.keySet().forEach(type -> sdp.append(' ').append(type));
        sdp.append("\r\n");
        payloads.forEach((type, name) -> {
            sdp.append("a=rtpmap:").append(type).append(' ').append(name).append("/8000\r\n");
            if (name.equals(TELEPHONE_EVENT)) {
                sdp.append("a=fmtp:").append(type).append(" 0-15\r\n");
            }
        });
        return sdp.append("a=ptime:20\r\n").append("a=").append(direction.sdpAttribute()).append("\r\n").toString();
    }

    private String addressType() {
        return address.contains(":") ? "IP6" : "IP4";
    }

    /**
     * Reads the first audio stream of an SDP body; static payload types need no rtpmap. Total: empty
     * when the body names no audio stream, or names it with an address that is not an IP literal
     * (nothing is resolved), a port outside 1 to 65535, or a line it cannot read.
     */
    public static Optional<SessionDescription> parse(String body) {
        try {
            return new SdpReader().read(body);
        } catch (NumberFormatException | IndexOutOfBoundsException malformed) {
            // A number or field the grammar of RFC 4566 requires is missing or not a number: no description.
            return Optional.empty();
        }
    }

    /** The fields of one body as they are read, line by line. */
    private static final class SdpReader {
        private String sessionAddress;
        private String mediaAddress;
        private int port = -1;
        private final List<Integer> types = new ArrayList<>();
        private final Map<Integer, String> names = new LinkedHashMap<>();
        private MediaDirection sessionDirection = MediaDirection.SENDRECV;
        private MediaDirection mediaDirection;
        private boolean inAudio;
        private boolean seenMedia;

        Optional<SessionDescription> read(String body) {
            for (String raw : body.split("\r?\n")) {
                String line = raw.strip();
                if (line.length() >= 2 && line.charAt(1) == '=') {
                    take(line.charAt(0), line.substring(2));
                }
            }
            String address = mediaAddress != null ? mediaAddress : sessionAddress;
            if (port < 1 || port > 65535 || !HostPort.isIpLiteral(address)) {
                return Optional.empty();
            }
            Map<Integer, String> payloads = new LinkedHashMap<>();
            for (int type : types) {
                String name = names.get(type);
                if (name == null) {
                    name = G711Codec.forPayloadType(type).map(G711Codec::encodingName).orElse("PT" + type);
                }
                payloads.put(type, name.equalsIgnoreCase(TELEPHONE_EVENT) ? TELEPHONE_EVENT : name.toUpperCase(Locale.ROOT));
            }
            return Optional.of(new SessionDescription(address, port, payloads,
                    mediaDirection != null ? mediaDirection : sessionDirection));
        }

        private void take(char type, String value) {
            switch (type) {
                case 'm' -> {
                    inAudio = !seenMedia && value.startsWith("audio ");
                    if (inAudio) {
                        String[] fields = value.split(" +");
                        port = Integer.parseInt(fields[1].split("/")[0]);
                        for (int i = 3; i < fields.length; i++) {
                            types.add(payloadType(fields[i]));
                        }
                    }
                    seenMedia = true;
                }
                case 'c' -> {
                    String[] fields = value.split(" +");
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
                String[] fields = value.substring(7).split(" +", 2);
                names.put(payloadType(fields[0]), fields[1].split("/")[0]);
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
