package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.secret.SecretFile;
import io.vtgoconnect.sipstack.SipTls;
import io.vtgoconnect.sipstack.SipTransportKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The phone's SIP over TLS, from its tls.* settings: only when one of its lines uses TLS. */
final class PhoneTls {
    private PhoneTls() {
    }

    /**
     * @throws CommandException ERROR_PHONE_NOT_FOUND saying why the trust store or its password
     *         file cannot be used (never the password)
     */
    static Optional<SipTls> of(PhoneSettings settings, List<SipLine> lines) {
        if (lines.stream().noneMatch(line -> line.transport() == SipTransportKind.TLS)) {
            return Optional.empty();
        }
        String trustStore = settings.tls_truststore().strip();
        char[] password = new char[0];
        try {
            password = SecretFile.firstLine(settings.tls_truststore_password_file()).toCharArray();
            return Optional.of(SipTls.trusting(settings.sip_tls_port(),
                    trustStore.isEmpty() ? Optional.empty() : Optional.of(Path.of(trustStore)), password));
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, e.getMessage() + ".");
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
