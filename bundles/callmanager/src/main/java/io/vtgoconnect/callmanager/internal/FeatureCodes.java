package io.vtgoconnect.callmanager.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The server's feature codes, from {@code key=code} settings (park=*38, ...), as the phones' softkeys send them. */
final class FeatureCodes {
    private final Map<String, String> codes;

    private FeatureCodes(Map<String, String> codes) {
        this.codes = codes;
    }

    /** @throws IllegalArgumentException naming the entry that is not key=code, with a code of digits, * and # */
    static FeatureCodes parse(String[] entries) {
        Map<String, String> codes = new HashMap<>();
        for (String entry : entries) {
            String[] pair = entry.split("=", 2);
            if (pair.length != 2 || pair[0].isBlank() || !pair[1].strip().matches("[0-9*#]+")) {
                throw new IllegalArgumentException("feature.codes entry \"" + entry + "\" is not key=code with a code of "
                        + "digits, * and #, such as park=*38");
            }
            codes.put(pair[0].strip().toLowerCase(java.util.Locale.ROOT), pair[1].strip());
        }
        return new FeatureCodes(codes);
    }

    /** The code of the feature, e.g. {@code park}. */
    Optional<String> of(String feature) {
        return Optional.ofNullable(codes.get(feature));
    }
}
