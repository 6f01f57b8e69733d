package io.vtgoconnect.callmanager.internal.directory;

/**
 * A service registered once the call server is about to start ({@code CallServerStart}): every configured
 * {@link DirectoryEntry} component references it, so that a run for the commands' list alone builds none of
 * them (a line, a device, an agent... each a component to make and a service to register and bind), and they
 * are all in the {@link Directory}, built on the registering thread, before the server starts.
 */
public final class DirectoryWanted {
    /** The name each entry's component gives its reference to this. */
    public static final String REFERENCE = "wanted";
}
