package io.vtgoconnect.callmanager.internal;

import io.vtgoconnect.sipstack.SipEndpoint;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The call server's own settings: configuration PID {@value #PID}. */
@ObjectClassDefinition(name = "VTGOConnect call server",
        description = "The embedded call server: where it listens for SIP and HTTP, and the numbers of its features.")
public @interface ServerSettings {
    String PID = "io.vtgoconnect.callmanager";

    @AttributeDefinition(name = "Enabled", description = "false: the server opens no port (a phone that uses another "
            + "call server needs none of its own).")
    boolean enabled() default true;

    @AttributeDefinition(name = "SIP address", description = "IP address the SIP listener binds to (an IP literal: nothing is resolved).")
    String sip_address() default "127.0.0.1";

    @AttributeDefinition(name = "SIP port", description = "UDP and TCP port of the SIP listener.")
    int sip_port() default 5060;

    @AttributeDefinition(name = "SIP TLS port", description = "TCP port of the SIP over TLS listener, on the SIP address; "
            + "bound only when a TLS key store is configured.")
    int sip_tls_port() default 5061;

    @AttributeDefinition(name = "TLS key store", description = "A PKCS12 or JKS file of the server's certificate and its "
            + "key, served on the SIP TLS port; none: the server takes no SIP over TLS.")
    String tls_keystore() default "";

    /**
     * Property {@code tls.keystore.password.file}: the key store's password is read from a file, so
     * that configuration listings (scr:info) never show it.
     */
    @AttributeDefinition(name = "TLS key store password file", description = "A file, readable by the user only, whose "
            + "first line is the key store's password, which is also its key's; none: no password.")
    String tls_keystore_password_file() default "";

    @AttributeDefinition(name = "Largest SIP message", description = "Bytes (at least 4096): a larger message is refused, "
            + "and a TCP connection that announces or sends one is answered (413 or 513) and closed.")
    int sip_max_message_size() default SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES;

    @AttributeDefinition(name = "TCP: first message", description = "Seconds a TCP connection a peer opens to the SIP "
            + "port may take to send its first whole SIP message before it is closed.")
    int sip_tcp_first_message_timeout() default 10;

    @AttributeDefinition(name = "TCP: idle", description = "Seconds a TCP connection a peer opened may go between whole "
            + "SIP messages before it is closed.")
    int sip_tcp_idle_timeout() default 120;

    @AttributeDefinition(name = "TCP: connections", description = "TCP connections peers may have open to the SIP port "
            + "at once; one more closes the one that has waited longest for a message.")
    int sip_tcp_connections() default 256;

    @AttributeDefinition(name = "BYE answers kept", description = "Final answers to BYEs that came over UDP, kept as "
            + "bytes (about 0.6 KB each) for 32 s to answer the BYEs sent again, instead of each BYE's SIP transaction "
            + "and dialog (about 3 KB); the oldest goes first when full. 0: the SIP stack keeps the transactions.")
    int sip_bye_answers() default 20000;

    @AttributeDefinition(name = "HTTP requests per client", description = "Requests of one client address the device "
            + "configuration, EM and the agent API serve at once; more are answered 503.")
    int http_requests_per_client() default 32;

    @AttributeDefinition(name = "HTTP requests", description = "Requests they serve at once, from all clients.")
    int http_requests() default 256;

    @AttributeDefinition(name = "Realm", description = "The digest realm of registrations and calls.")
    String realm() default "vtgoconnect";

    @AttributeDefinition(name = "Public numbers", description = "The numbers a caller that is no line of the directory "
            + "may call (a queue pilot, say); none: only the directory's lines call, each proving its password.")
    String[] public_numbers() default {};

    @AttributeDefinition(name = "Digest algorithms", description = "The challenges a line's request gets, strongest first "
            + "(RFC 8760): SHA-256, MD5. MD5 alone suits phones that answer only the first challenge and know only MD5 (SIPp).")
    String[] digest_algorithms() default {"SHA-256", "MD5"};

    @AttributeDefinition(name = "First RTP port", description = "Lowest even port of the server's media (it anchors every call's audio).")
    int rtp_port_min() default 20000;

    @AttributeDefinition(name = "Last RTP port")
    int rtp_port_max() default 29999;

    @AttributeDefinition(name = "Transcoding", description = "Whether a call whose two ends share no codec (G.722 to "
            + "PCMU, say) is transcoded by the server; false: the caller is refused 488. Ends that share one are relayed as they are.")
    boolean media_transcoding() default true;

    @AttributeDefinition(name = "SIP workers", description = "Threads that handle plain calls side by side, each "
            + "the calls of its share of Call-IDs; 0: one per processor. Features run on a thread of their own, alone.")
    int sip_workers() default 0;

    @AttributeDefinition(name = "Overload: events waiting", description = "SIP events waiting to be handled at which new "
            + "calls are refused with 503 and Retry-After (calls in progress go on); past half of it, a share of new calls "
            + "that grows with the events waiting.")
    int overload_queue() default 500;

    @AttributeDefinition(name = "Overload: new calls a second", description = "New calls admitted a second at most, "
            + "a tenth of it at once; the rest are refused with 503 and Retry-After. 0: no limit but the others.")
    int overload_calls_per_second() default 0;

    @AttributeDefinition(name = "Overload: free RTP port pairs", description = "New calls are refused with 503 while "
            + "fewer RTP port pairs than this are free.")
    int overload_rtp_pairs() default 20;

    @AttributeDefinition(name = "Overload: heap", description = "New calls are refused with 503 while what the heap holds "
            + "after its last full collection is this percentage of the largest heap or more.")
    int overload_heap_percent() default 80;

    @AttributeDefinition(name = "Overload: datagrams waiting", description = "UDP datagrams that may wait to be read by "
            + "the SIP stack; past three quarters of it new requests are dropped unread, past it every datagram (their "
            + "senders retransmit). Each is held at its own size.")
    int overload_datagrams() default 1000;

    @AttributeDefinition(name = "Overload: Retry-After", description = "Seconds a caller refused for overload is asked to wait.")
    int overload_retry_after() default 5;

    @AttributeDefinition(name = "Registration expiry", description = "Longest registration granted, in seconds.")
    int max_expiry() default 3600;

    @AttributeDefinition(name = "Voicemail pilot", description = "The number that reaches voicemail.")
    String voicemail_pilot() default "6000";

    @AttributeDefinition(name = "Voicemail folder", description = "Where messages are recorded, one folder per mailbox "
            + "(the line's number), one WAV file per message.")
    String voicemail_folder() default "voicemail";

    @AttributeDefinition(name = "Longest message", description = "Seconds a voicemail message may last; the caller is then hung up.")
    int voicemail_max_seconds() default 120;

    @AttributeDefinition(name = "Park range", description = "The park orbits, as first-last.")
    String park_range() default "5800-5819";

    @AttributeDefinition(name = "Park timeout", description = "Seconds a parked call waits before it rings back the parker.")
    int park_timeout() default 60;

    @AttributeDefinition(name = "Meet-me numbers", description = "The conference bridges, as first-last.")
    String meetme_numbers() default "5000-5009";

    @AttributeDefinition(name = "Feature codes", description = "key=code for park, pickup, grouppickup, callback, barge, "
            + "cbarge, watch, intercept (meetme is the phone's: the server's rooms are its meet-me numbers); none: the "
            + "softphone's defaults, park=*38, pickup=*8, grouppickup=*88, callback=*66, barge=*33, cbarge=*34, watch=*35, "
            + "intercept=*36.")
    String[] feature_codes() default {};

    @AttributeDefinition(name = "Registrations folder", description = "Where the registrar keeps its bindings "
            + "(registrations.txt), so that a restart of the server or of the runtime keeps the phones registered; "
            + "empty: the bundle's data area in the framework's storage, which a framework that cleans its storage at "
            + "every start loses.")
    String registrations_folder() default "";

    @AttributeDefinition(name = "EM application user", description = "An application user with proxy rights, who may "
            + "log any user in to any device with Extension Mobility; empty: users log themselves in with their PIN.")
    String em_app_user() default "";

    @AttributeDefinition(name = "EM application password", description = "The application user's password, as its PBKDF2 "
            + "hash (see README; never shown).")
    String _em_app_password() default "";

    @AttributeDefinition(name = "Lockout attempts", description = "Failed attempts within the window that lock a user of "
            + "Extension Mobility or an agent of the agent API (as CUCM's credential policy).")
    int lockout_attempts() default 5;

    @AttributeDefinition(name = "Lockout window", description = "Seconds within which the failed attempts count.")
    int lockout_window() default 300;

    @AttributeDefinition(name = "Lockout time", description = "Seconds a locked user stays locked, whatever they give.")
    int lockout_time() default 600;
}
