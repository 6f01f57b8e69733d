package io.vtgoconnect.api.shell;

/** Names of Gogo session variables that the shell keeps and a console reads. */
public final class ShellSession {
    /**
     * The number of commands of the session that answered an error or whose wait timed out, an
     * {@code Integer}; a batch run exits with 1 when it is above 0.
     */
    public static final String FAILURES = "vtgo.failures";

    /**
     * The number of failed commands the shell answered with a line of its own (an error line, a
     * timeout, or the command's help when the failure was {@code command --help}), an
     * {@code Integer}; a console prints nothing more for those.
     */
    public static final String ANSWERED = "vtgo.answered";

    /**
     * Prints a line of a command's output in the form the session chose (text, or a JSON object
     * of kind {@code output}): a {@code java.util.function.Consumer<String>}, there once the
     * session has run a VTGOConnect command. A console prints the results of other commands with it.
     */
    public static final String PRINT = "vtgo.print";

    /** The Gogo command scope of the VTGOConnect commands. */
    public static final String SCOPE = "vtgo";

    private ShellSession() {
    }
}
