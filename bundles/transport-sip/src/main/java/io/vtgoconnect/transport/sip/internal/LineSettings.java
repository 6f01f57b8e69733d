package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipstack.SipTransportKind;
import io.vtgoconnect.sipstack.SrtpMode;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One line of the phone: factory PID {@value #FACTORY_PID}, one configuration per line. */
@ObjectClassDefinition(name = "VTGOConnect SIP line",
        description = "A directory number the phone registers with its call server.")
@interface LineSettings {
    String FACTORY_PID = "io.vtgoconnect.transport.sip.line";

    @AttributeDefinition(name = "Phone", description = "The name of the phone the line belongs to; empty: the phone of "
            + PhoneSettings.PID + ".")
    String phone() default "";

    @AttributeDefinition(name = "Position", description = "Lines are numbered 1, 2, ... in order of position, then number.")
    int position() default 0;

    @AttributeDefinition(name = "Directory number", description = "The line's number, e.g. 2001.")
    String number();

    @AttributeDefinition(name = "Label", description = "The line's label on the phone.")
    String label() default "";

    @AttributeDefinition(name = "SIP user", description = "User part of the address of record; the number when empty.")
    String sip_user() default "";

    @AttributeDefinition(name = "Authentication user", description = "User name for digest authentication; the SIP user when empty.")
    String auth_user() default "";

    /**
     * Property {@code password.file}: the password itself is not configuration, which the framework
     * shows in its listings (scr:info) and keeps in its own files; it is read from this file.
     */
    @AttributeDefinition(name = "Password file", description = "A file, readable by the user only, whose first line is "
            + "the digest password; none: no password.")
    String password_file() default "";

    @AttributeDefinition(name = "Registrar", description = "The call server as IP, IP:port, host name or host name:port, "
            + "e.g. 127.0.0.1:5060 or pbx.example.com. An IP literal is used as it is, with no lookup, on port 5060 when not "
            + "given (5061 over TLS); a host name is looked up through the phone's dns.servers: with a port, its A and AAAA "
            + "records; without, the SRV records of the line's transport (_sip._udp, _sip._tcp, _sips._tcp), tried in "
            + "priority and weight order, then its own address. Written sips:host[:port], it is reached over TLS "
            + "whatever the transport, and the line's addresses are sips: URIs.")
    String registrar();

    @AttributeDefinition(name = "Outbound proxy", description = "host, host:port or either with ;transport= (the line's "
            + "own) of a proxy that every request out of a dialog goes to first, with a Route naming it (loose routing, "
            + "RFC 3261 8.1.2); their Request-URI stays the registrar's. A host name is found through DNS as the "
            + "registrar is (SRV without a port, then its addresses); an IP literal is used as it is. None: straight to "
            + "the registrar.")
    String outbound_proxy() default "";

    @AttributeDefinition(name = "Transport", description = "UDP, TCP or TLS (the registrar's port is then 5061 when "
            + "not given; see the phone's tls.* settings).")
    SipTransportKind transport() default SipTransportKind.UDP;

    @AttributeDefinition(name = "Registration expiry", description = "Seconds a registration lasts; it is refreshed before.")
    int expiry() default 3600;

    @AttributeDefinition(name = "Keep-alive interval", description = "Seconds between OPTIONS keep-alives to the registrar; 0 for none.")
    int keepalive_interval() default 30;

    @AttributeDefinition(name = "SRTP", description = "OFF: plain RTP. OPTIONAL: offers RTP/AVP with a=crypto keys and "
            + "protects the call when the far end takes them. MANDATORY: offers RTP/SAVP, and a call the far end will not "
            + "protect is refused (488) or ended.")
    SrtpMode srtp() default SrtpMode.OFF;

    @AttributeDefinition(name = "SRTP crypto suites", description = "Offered and accepted, most wanted first: "
            + "AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32.")
    String[] srtp_suites() default {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"};
}
