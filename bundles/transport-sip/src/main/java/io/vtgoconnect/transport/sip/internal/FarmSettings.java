package io.vtgoconnect.transport.sip.internal;

import io.vtgoconnect.sipstack.SipEndpoint;
import io.vtgoconnect.sipstack.SipTransportKind;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A farm: {@code count} phones made from one template, factory PID {@value #FACTORY_PID}. In the
 * patterns {@code {n}} is the phone's number (from {@code first}), {@code {n:012}} the same padded
 * with zeros to 12 digits, and {@code {line}} the phone's (first) directory number.
 */
@ObjectClassDefinition(name = "VTGOConnect phone farm", description = "Many phones from one template: device names, "
        + "lines, SIP ports and passwords follow patterns. The embedded call server's directory follows the same "
        + "configuration.")
@interface FarmSettings {
    String FACTORY_PID = "io.vtgoconnect.farm";

    @AttributeDefinition(name = "Count", description = "How many phones.")
    int count() default 1;

    @AttributeDefinition(name = "First", description = "The number {n} of the first phone.")
    int first() default 1;

    @AttributeDefinition(name = "Name", description = "Each phone's name, a pattern, e.g. phone{n}.")
    String name() default "phone{n}";

    @AttributeDefinition(name = "Device name", description = "Each phone's device name, a pattern, e.g. SEP{n:012}.")
    String device_name() default "SEP{n:012}";

    @AttributeDefinition(name = "First line", description = "The directory number of the first phone's first line; "
            + "each phone has lines.per.phone numbers in turn from there (3000, 3001, ...).")
    int line_first() default 3000;

    @AttributeDefinition(name = "Lines per phone", description = "How many lines each phone has.")
    int lines_per_phone() default 1;

    @AttributeDefinition(name = "Password file", description = "A file, readable by you only, whose first line is the "
            + "pattern of each line's digest password, e.g. secret-{line}: the passwords are no configuration, so "
            + "that no listing shows them. None: no password.")
    String password_file() default "";

    @AttributeDefinition(name = "Registrar", description = "The call server the lines register with, IP:port; "
            + "ignored when provisioning.url is set.")
    String registrar() default "127.0.0.1:5060";

    @AttributeDefinition(name = "Transport", description = "UDP or TCP.")
    SipTransportKind transport() default SipTransportKind.UDP;

    @AttributeDefinition(name = "Registration expiry", description = "Seconds a registration lasts.")
    int expiry() default 3600;

    @AttributeDefinition(name = "Keep-alive interval", description = "Seconds between OPTIONS keep-alives; 0 for none.")
    int keepalive_interval() default 30;

    @AttributeDefinition(name = "Device configuration URL", description = "When set, each phone fetches its lines from "
            + "<url>/<device name>.cnf.xml, as the phone of " + PhoneSettings.PID + " does, instead of the lines above.")
    String provisioning_url() default "";

    @AttributeDefinition(name = "Local SIP address", description = "IP address each phone's SIP listener binds to.")
    String sip_address() default "127.0.0.1";

    @AttributeDefinition(name = "First SIP port", description = "The first phone's SIP port; phone {n} listens on the "
            + "port n - first after it.")
    int sip_port_first() default 5100;

    @AttributeDefinition(name = "Largest SIP message", description = "Bytes (at least 4096).")
    int sip_max_message_size() default SipEndpoint.DEFAULT_MAX_MESSAGE_BYTES;

    @AttributeDefinition(name = "First RTP port", description = "Lowest port of the calls' audio, shared by the farm.")
    int rtp_port_min() default 16000;

    @AttributeDefinition(name = "Last RTP port", description = "Highest port of the calls' audio, shared by the farm.")
    int rtp_port_max() default 16999;

    @AttributeDefinition(name = "Codec order", description = "Codecs offered, most wanted first: PCMU, PCMA.")
    String[] codecs() default {"PCMU", "PCMA"};

    @AttributeDefinition(name = "DTMF mode", description = "RFC4733 or SIP_INFO.")
    DtmfMode dtmf_mode() default DtmfMode.RFC4733;

    @AttributeDefinition(name = "Voicemail pilot", description = "The number Messages calls.")
    String voicemail_pilot() default "";

    @AttributeDefinition(name = "Media source", description = "What each phone says in its calls: silence, tone:HZ, file:PATH.")
    String media_source() default "silence";
}
