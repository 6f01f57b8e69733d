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
     * @throws CommandException ERROR_PHONE_NOT_FOUND saying why the trust store, the key store or
     *         a password file cannot be used (never a password)
     */
    static Optional<SipTls> of(PhoneSettings settings, List<SipLine> lines) {
        if (lines.stream().noneMatch(line -> line.transport() == SipTransportKind.TLS)) {
            return Optional.empty();
        }
        char[] trustPassword = new char[0];
        char[] keyPassword = new char[0];
        try {
            trustPassword = SecretFile.firstLine(settings.tls_truststore_password_file()).toCharArray();
            keyPassword = SecretFile.firstLine(settings.tls_keystore_password_file()).toCharArray();
            return Optional.of(SipTls.of(settings.sip_tls_port(), file(settings.tls_truststore()), trustPassword,
                    file(settings.tls_keystore()), keyPassword));
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandException(ERROR_PHONE_NOT_FOUND, e.getMessage() + ".");
        } finally {
            Arrays.fill(trustPassword, '\0');
            Arrays.fill(keyPassword, '\0');
        }
    }

    private static Optional<Path> file(String setting) {
        return setting.isBlank() ? Optional.empty() : Optional.of(Path.of(setting.strip()));
    }
}
