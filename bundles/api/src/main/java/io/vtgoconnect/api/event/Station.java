package io.vtgoconnect.api.event;

import java.util.Objects;

/** One end of a call's media: its IP address and RTP and RTCP ports, printed {@code ip:rtp:rtcp}. */
public record Station(String address, int rtpPort, int rtcpPort) {
    public Station {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return address + ":" + rtpPort + ":" + rtcpPort;
    }
}
