package io.vtgoconnect.panel.internal;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The panel's whiteboard context, at /panel: its files come from this bundle, and every answer
 * tells the browser to load nothing from elsewhere and to talk only to this runtime.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = PanelContext.NAME, path = "/panel")
public class PanelContext extends ServletContextHelper {
    static final String NAME = "io.vtgoconnect.panel";

    @Activate
    public PanelContext(BundleContext context) {
        super(context.getBundle());
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
        return true;
    }
}
