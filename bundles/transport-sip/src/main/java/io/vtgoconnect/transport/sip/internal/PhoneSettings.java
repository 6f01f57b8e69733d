package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipstack.SipEndpoint;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The phone's own settings: configuration PID {@value #PID}. */
@ObjectClassDefinition(name = "VTGOConnect SIP phone",
        description = "The softphone device: where it listens for SIP and RTP, its codecs, DTMF mode and speed dials.")
@interface PhoneSettings {
    String PID = "io.vtgoconnect.transport.sip.phone";
    /** More phones: one factory configuration each, with the same keys. */
    String FACTORY_PID = "io.vtgoconnect.transport.sip.phones";

    @AttributeDefinition(name = "Name", description = "The phone's name, by which commands and the remote API name it "
            + "(Phone name, --phone name) and which its events carry; empty: the device name.")
    String name() default "";

    @AttributeDefinition(name = "Device name", description = "The phone's name, sent as its User-Agent; the call server "
            + "knows the device by it (e.g. SEP001122334455).")
    String device_name() default "VTGOConnect";

    @AttributeDefinition(name = "Device configuration URL", description = "When set, RunProgram fetches the lines and speed "
            + "dials from <url>/<device name>.cnf.xml (as a Cisco phone does from its call server) instead of the "
            + "configured lines and speed dials.")
    String provisioning_url() default "";

    /**
     * Property {@code device.password.file}: the device's own password, which the call server asks of
     * the phone before it gives it its configuration, is read from a file, as a line's is.
     */
    @AttributeDefinition(name = "Device password file", description = "A file, readable by the user only, whose first "
            + "line is the device's own password: the configuration is fetched with it (HTTP Basic, the device name as "
            + "the user); none: fetched without credentials.")
    String device_password_file() default "";

    @AttributeDefinition(name = "Local SIP address", description = "IP address the SIP listener binds to (an IP literal: nothing is resolved).")
    String sip_address() default "127.0.0.1";

    @AttributeDefinition(name = "Local SIP port", description = "UDP and TCP port of the SIP listener.")
    int sip_port() default 5070;

    @AttributeDefinition(name = "Local SIP TLS port", description = "TCP port of the SIP over TLS listener, bound only "
            + "when a line's transport is TLS.")
    int sip_tls_port() default 5071;

    @AttributeDefinition(name = "TLS trust store", description = "A PKCS12 or JKS file of the CA certificates a call "
            + "server's TLS certificate must be issued by; none: the CAs the Java runtime trusts.")
    String tls_truststore() default "";

    @AttributeDefinition(name = "TLS trust store password file", description = "A file, readable by the user only, whose "
            + "first line is the trust store's password; none: the trust store has no password.")
    String tls_truststore_password_file() default "";

    @AttributeDefinition(name = "TLS key store", description = "A PKCS12 or JKS file of the phone's own certificate and "
            + "its key, presented to a call server that asks for a client certificate; none: the phone presents none.")
    String tls_keystore() default "";

    /**
     * Property {@code tls.keystore.password.file}: the key store's password, which also opens its
     * key, is read from a file, as a line's password is, so that scr:info never shows it.
     */
    @AttributeDefinition(name = "TLS key store password file", description = "A file, readable by the user only, whose "
            + "first line is the key store's password, which is also its key's; none: no password.")
    String tls_keystore_password_file() default "";

    @AttributeDefinition(name = "DNS servers", description = "The DNS servers asked where a line's call server is when "
            + "its registrar is a host name (RFC 3263: NAPTR, SRV, A and AAAA), as IP or IP:port (port 53 when not given), "
            + "asked in turn; none: the system's, from /etc/resolv.conf. IP literals are never looked up.")
    String[] dns_servers() default {};

    @AttributeDefinition(name = "DNS timeout", description = "Milliseconds a DNS query waits for its answer before it is "
            + "sent again once, then to the next server (100-10000).")
    int dns_timeout() default 2000;

    @AttributeDefinition(name = "Largest SIP message", description = "Bytes (at least 4096): a larger message is dropped, "
            + "and a TCP connection that announces or sends one is closed.")
    int sip_max_message_size() default SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES;

    @AttributeDefinition(name = "SIP datagrams waiting", description = "UDP datagrams (at least 4) that may wait to be "
            + "read by the SIP stack; past that one is dropped as it arrives (and its sender retransmits), and new requests "
            + "are dropped from three quarters on, so that the calls in progress still get their responses and requests in.")
    int sip_max_waiting_datagrams() default 100;

    @AttributeDefinition(name = "TCP: first message", description = "Seconds a TCP or TLS connection a peer opens to the "
            + "phone may take (handshake included) to send its first whole SIP message before it is closed.")
    int sip_tcp_first_message_timeout() default 10;

    @AttributeDefinition(name = "TCP: idle", description = "Seconds a TCP or TLS connection a peer opened may go "
            + "between whole SIP messages before it is closed.")
    int sip_tcp_idle_timeout() default 120;

    @AttributeDefinition(name = "TCP: connections", description = "TCP connections peers may have open to the phone's "
            + "SIP port at once, and as many to its TLS port; one more closes the one that has waited longest for a message.")
    int sip_tcp_connections() default 256;

    @AttributeDefinition(name = "First RTP port", description = "Lowest even port for a call's audio (RTP on even ports, RTCP on the next).")
    int rtp_port_min() default 16000;

    @AttributeDefinition(name = "Last RTP port", description = "Highest port of the range: the RTCP port of the last pair.")
    int rtp_port_max() default 16999;

    @AttributeDefinition(name = "Codec order", description = "Codecs offered, most wanted first: PCMU, PCMA.")
    String[] codecs() default {"PCMU", "PCMA"};

    @AttributeDefinition(name = "DTMF mode", description = "How digits are sent: RTP telephone events (RFC 4733) or SIP INFO.")
    DtmfMode dtmf_mode() default DtmfMode.RFC4733;

    @AttributeDefinition(name = "Voicemail pilot", description = "The number Messages calls.")
    String voicemail_pilot() default "";

    @AttributeDefinition(name = "Speed dials", description = "One per button after the lines, as number or number|label.")
    String[] speed_dials() default {};

    @AttributeDefinition(name = "Forward-all destination",
            description = "Where the CFwdAll softkey forwards every incoming call (with a 302); the voicemail pilot when empty.")
    String cfwdall_destination() default "";

    @AttributeDefinition(name = "Feature codes", description = "The numbers the call-server softkeys dial or transfer to, as "
            + "key=code: park transfers the call to its code; pickup, grouppickup and meetme dial it; "
            + "callback, watch and intercept dial it followed by the extension (the selected call's other party, or the "
            + "last number dialled); barge and cbarge dial it followed by the line's own number. None: park=*38, pickup=*8, "
            + "grouppickup=*88, meetme=5000, callback=*66, barge=*33, cbarge=*34, watch=*35, intercept=*36.")
    String[] feature_codes() default {};

    @AttributeDefinition(name = "Media source", description = "What the phone says in its calls: silence, tone:HZ "
            + "(e.g. tone:440, or tone:350+440 for two), or file:PATH (a sound file, played in a loop).")
    String media_source() default "silence";

    @AttributeDefinition(name = "Recording folder",
            description = "When set, what each call hears is recorded there as call-<CallRef>.wav.")
    String recording_folder() default "";
}
