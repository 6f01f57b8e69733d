package io.vtgoconnect.transport.sip.internal;

import static io.vtgoconnect.api.ErrorCode.ERROR_PHONE_NOT_FOUND;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.control.Softkey;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The numbers that call-server softkeys dial or transfer to, read from {@code key=code} settings. */
final class FeatureCodes {
    static final Set<Softkey> KEYS = Set.of(Softkey.PARK, Softkey.PICKUP, Softkey.GROUPPICKUP, Softkey.MEETME,
            Softkey.CALLBACK, Softkey.BARGE, Softkey.CBARGE, Softkey.WATCH, Softkey.INTERCEPT);

    private final Map<Softkey, String> codes;

    private FeatureCodes(Map<Softkey, String> codes) {
        this.codes = codes;
    }

    /** ERROR_PHONE_NOT_FOUND naming the entry that is not {@code key=code} for one of {@link #KEYS}. */
    static FeatureCodes parse(String[] entries) {
        Map<Softkey, String> codes = new EnumMap<>(Softkey.class);
        for (String entry : entries) {
            String[] pair = entry.split("=", 2);
            Optional<Softkey> key = KEYS.stream().filter(known -> known.typedName().equalsIgnoreCase(pair[0].strip()))
                    .findFirst();
            if (pair.length != 2 || key.isEmpty() || !pair[1].strip().matches("[0-9*#]+")) {
                throw new CommandException(ERROR_PHONE_NOT_FOUND, "The feature code \"" + entry + "\" is not key=code for one of "
                        + KEYS.stream().map(Softkey::typedName).sorted().toList() + " with a code of digits, * and #.");
            }
            codes.put(key.get(), pair[1].strip());
        }
        return new FeatureCodes(codes);
    }

    Optional<String> of(Softkey key) {
        return Optional.ofNullable(codes.get(key));
    }
}
