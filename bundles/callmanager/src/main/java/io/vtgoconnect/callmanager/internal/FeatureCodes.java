package io.vtgoconnect.callmanager.internal;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The numbers that reach the server's features, read from {@code key=code} settings (ServerSettings.feature_codes). */
final class FeatureCodes {
    /** A feature reached by its code, keyed by its lower-case name. */
    enum Feature {
        PARK, PICKUP, GROUPPICKUP, CALLBACK, BARGE, CBARGE, WATCH, INTERCEPT;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Feature, String> codes;

    private FeatureCodes(Map<Feature, String> codes) {
        this.codes = codes;
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code key=code} for a feature, with a code of digits, * and # */
    static FeatureCodes parse(String... entries) {
        Map<Feature, String> codes = new EnumMap<>(Feature.class);
        for (String entry : entries) {
            String[] pair = entry.split("=", 2);
            Optional<Feature> feature = Arrays.stream(Feature.values())
                    .filter(known -> known.key().equalsIgnoreCase(pair[0].strip())).findFirst();
            if (pair.length != 2 || feature.isEmpty() || !pair[1].strip().matches("[0-9*#]+")) {
                throw new IllegalArgumentException("The feature code \"" + entry + "\" is not key=code for one of "
                        + Arrays.stream(Feature.values()).map(Feature::key).toList() + " with a code of digits, * and #");
            }
            codes.put(feature.get(), pair[1].strip());
        }
        return new FeatureCodes(codes);
    }

    /** The feature's code, if it has one. */
    Optional<String> code(Feature feature) {
        return Optional.ofNullable(codes.get(feature));
    }

    /** Whether the number dialled is the feature's code. */
    boolean isCode(Feature feature, String number) {
        return number.equals(codes.get(feature));
    }

    /** The extension dialled after the feature's code, when the number is the code followed by digits. */
    Optional<String> extensionAfter(Feature feature, String number) {
        String code = codes.get(feature);
        if (code == null || !number.startsWith(code) || !number.substring(code.length()).matches("[0-9]+")) {
            return Optional.empty();
        }
        return Optional.of(number.substring(code.length()));
    }
}
