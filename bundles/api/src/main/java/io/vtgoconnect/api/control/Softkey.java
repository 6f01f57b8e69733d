package io.vtgoconnect.api.control;

import io.vtgoconnect.api.CommandException;
import io.vtgoconnect.api.ErrorCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The manual's softkeys, named as typed: {@code Softkey newcall}. */
public enum Softkey {
    REDIAL, NEWCALL, HOLD, TRANSFER, CFWDALL, ENDCALL, RESUME, ANSWER, CONFERENCE, PARK, JOIN, MEETME,
    PICKUP, GROUPPICKUP, DROPLASTCONFEREE, CALLBACK, BARGE, CBARGE, DND, DIVERTALL, IDIVERT, WATCH,
    INTERCEPT, TRANSFERVMAIL;

    /** The name as a user types it, e.g. {@code grouppickup}. */
    public String typedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a softkey name in any letter case; an unknown name is ERROR_INVALID_COMMAND. */
    public static Softkey parse(String name) {
        for (Softkey key : values()) {
            if (key.name().equalsIgnoreCase(name.trim())) {
                return key;
            }
        }
        throw new CommandException(ErrorCode.ERROR_INVALID_COMMAND, "\"" + name + "\" is not a softkey; valid softkeys are "
                + Arrays.stream(values()).map(Softkey::typedName).collect(Collectors.joining(", ")) + ".");
    }
}
