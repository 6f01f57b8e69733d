package io.vtgoconnect.panel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How ShowProgram shows the panel: configuration PID {@value #PID}. */
@ObjectClassDefinition(name = "VTGOConnect phone panel", description = "The softphone's window, a page at "
        + "http://<HTTP service>/panel/index.html, which ShowProgram shows and HideProgram hides.")
@interface PanelSettings {
    String PID = "io.vtgoconnect.panel";

    @AttributeDefinition(name = "Browser", description = "The program ShowProgram opens the page with, given its address, "
            + "when a desktop is available (DISPLAY or WAYLAND_DISPLAY set); empty: never open a browser.")
    String browser() default "xdg-open";
}
