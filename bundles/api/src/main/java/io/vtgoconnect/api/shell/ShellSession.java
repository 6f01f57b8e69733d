package io.vtgoconnect.api.shell;

/** Names of Gogo session variables that the shell keeps and a console reads. */
public final class ShellSession {
    /**
     * The number of commands of the session that answered an error or whose wait timed out, an
     * {@code Integer}; a batch run exits with 1 when it is above 0.
     */
    public static final String FAILURES = "vtgo.failures";

    /** The Gogo command scope of the VTGOConnect commands. */
    public static final String SCOPE = "vtgo";

    private ShellSession() {
    }
}
