package io.vtgoconnect.sipstack;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers that reach a call server's features, read from {@code key=code} settings: the
 * phone's softkeys dial or transfer to them, the call server answers them. Phone and call server
 * share the keys and the defaults.
 */
public final class FeatureCodes {
    /** A feature reached by its code, keyed by its lower-case name. */
    public enum Feature {
        PARK, PICKUP, GROUPPICKUP, MEETME, CALLBACK, BARGE, CBARGE, WATCH, INTERCEPT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The codes taken when none are configured, as a Cisco CallManager has them. */
    public static final List<String> DEFAULTS = List.of("park=*38", "pickup=*8", "grouppickup=*88", "meetme=5000",
            "callback=*66", "barge=*33", "cbarge=*34", "watch=*35", "intercept=*36");

    private final Map<Feature, String> codes;

    private FeatureCodes(Map<Feature, String> codes) {
        this.codes = codes;
    }

    /**
     * Reads the entries; none at all is {@link #DEFAULTS}.
     * @throws IllegalArgumentException naming the entry that is not {@code key=code} for a feature, with a code of digits, * and #
     */
    public static FeatureCodes parse(String... entries) {
        Map<Feature, String> codes = new EnumMap<>(Feature.class);
        for (String entry : entries.length == 0 ? DEFAULTS.toArray(String[]::new) : entries) {
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
    public Optional<String> code(Feature feature) {
        return Optional.ofNullable(codes.get(feature));
    }

    /** Whether the number dialled is the feature's code. */
    public boolean isCode(Feature feature, String number) {
        return number.equals(codes.get(feature));
    }

    /** The extension dialled after the feature's code, when the number is the code followed by digits. */
    public Optional<String> extensionAfter(Feature feature, String number) {
        String code = codes.get(feature);
        if (code == null || !number.startsWith(code) || !number.substring(code.length()).matches("[0-9]+")) {
            return Optional.empty();
        }
        return Optional.of(number.substring(code.length()));
    }
}
