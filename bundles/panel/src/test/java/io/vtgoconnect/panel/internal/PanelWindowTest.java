package io.vtgoconnect.panel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The address ShowProgram gives, when it opens a browser, and what HideProgram closes. */
class PanelWindowTest {
    private final List<String> closed = new ArrayList<>();

    private PanelWindow window(Object endpoint, Map<String, String> environment, String browser) {
        PanelSettings settings = new PanelSettings() {
            @Override
            public String browser() {
                return browser;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return PanelSettings.class;
            }
        };
        return new PanelWindow((phone, reason) -> {
            closed.add(phone + ": " + reason);
            return 1;
        }, () -> endpoint, null, environment, settings);
    }

    @Test
    void theAddressIsTheHttpServicesWithThePhoneEncoded() {
        assertEquals("http://127.0.0.1:6970/panel/index.html?phone=SEP001122334455",
                window("http://127.0.0.1:6970/", Map.of(), "").address("SEP001122334455"));
        assertEquals("http://127.0.0.1:6970/panel/index.html?phone=desk+1%26x",
                window(new String[] {"http://127.0.0.1:6970"}, Map.of(), "").address("desk 1&x"));
        assertEquals("http://127.0.0.1:8181/panel/index.html?phone=p",
                window(List.of("http://127.0.0.1:8181/", "http://[::1]:8181/"), Map.of(), "").address("p"));
    }

    @Test
    void aBrowserOpensOnlyWhereADesktopIsAvailable() {
        assertEquals(Optional.empty(), window("/", Map.of(), "xdg-open").browser());
        assertEquals(Optional.empty(), window("/", Map.of("DISPLAY", " "), "xdg-open").browser());
        assertEquals(Optional.of("xdg-open"), window("/", Map.of("DISPLAY", ":0"), "xdg-open").browser());
        assertEquals(Optional.of("firefox"), window("/", Map.of("WAYLAND_DISPLAY", "wayland-0"), " firefox ").browser());
        assertEquals(Optional.empty(), window("/", Map.of("DISPLAY", ":0"), "").browser());
    }

    @Test
    void hideClosesThePagesOfThePhoneSayingTheWindowWasHidden() {
        assertEquals(1, window("/", Map.of(), "").hide("phone1"));
        assertEquals(List.of("phone1: HideProgram: the softphone window was hidden."), closed);
    }
}
