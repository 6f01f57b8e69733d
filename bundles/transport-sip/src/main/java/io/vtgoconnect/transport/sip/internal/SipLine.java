package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.api.transport.LineConfig;
import io.vtgoconnect.sipstack.HostPort;
import io.vtgoconnect.sipstack.SipTransportKind;
import java.util.Objects;

/** A line as configured: what the phone registers and how. Its text never shows the password. */
record SipLine(int position, String number, String label, String sipUser, String authUser, String password,
        HostPort registrar, SipTransportKind transport, int expirySeconds, int keepAliveSeconds) {
    private static final int DEFAULT_SIP_PORT = 5060;

    SipLine {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(transport, "transport");
        label = label == null ? "" : label;
        sipUser = sipUser == null || sipUser.isBlank() ? number : sipUser;
        authUser = authUser == null || authUser.isBlank() ? sipUser : authUser;
        password = password == null ? "" : password;
        if (expirySeconds < 1) {
            throw new IllegalArgumentException("The expiry of line " + number + " is not positive: " + expirySeconds);
        }
    }

    static SipLine of(LineSettings settings) {
        return new SipLine(settings.position(), settings.number().trim(), settings.label(), settings.sip_user(),
                settings.auth_user(), settings._password(), HostPort.parse(settings.registrar(), DEFAULT_SIP_PORT),
                settings.transport(), settings.expiry(), settings.keepalive_interval());
    }

    /** The line as call control knows it, with its id and button. */
    LineConfig config(int id) {
        return new LineConfig(id, number, label, id);
    }

    @Override
    public String toString() {
        return "SipLine[number=" + number + ", user=" + sipUser + ", registrar=" + registrar + "/" + transport + "]";
    }
}
