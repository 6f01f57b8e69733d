package io.vtgoconnect.api.window;

/** The softphone's window, a page served by the runtime; ShowProgram and HideProgram use it when there is one. */
public interface SoftphoneWindow {
    /**
     * Shows the phone's window: where a desktop is available it is opened in the user's browser.
     *
     * @return the window's address, for the user to open
     */
    String show(String phone);

    /**
     * Hides the phone's window: the pages showing it are closed, and say so.
     *
     * @return how many pages were closed
     */
    int hide(String phone);
}
