package io.vtgoconnect.panel.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/** The page's static files, the bundle's /web folder, served at /panel/ (the page is /panel/index.html). */
@Component(service = PanelFiles.class)
@HttpWhiteboardResource(pattern = "/*", prefix = "/web")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + PanelContext.NAME + ")")
public class PanelFiles {
}
