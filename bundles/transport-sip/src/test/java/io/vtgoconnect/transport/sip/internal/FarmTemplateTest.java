package io.vtgoconnect.transport.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FarmTemplateTest {
    @Test
    void patternsTakeThePhonesNumberAndLinePaddedWhenTold() {
        assertEquals("SEP000000000007", FarmTemplate.expand("SEP{n:012}", 7, 3006));
        assertEquals("phone7", FarmTemplate.expand("phone{n}", 7, 3006));
        assertEquals("farm-3006-secret", FarmTemplate.expand("farm-{line}-secret", 7, 3006));
        assertEquals("agent07/03006", FarmTemplate.expand("agent{n:02}/{line:05}", 7, 3006));
        assertEquals("$1 {x} {n:7}", FarmTemplate.expand("$1 {x} {n:7}", 7, 3006), "what is no placeholder stays as it is");
    }
}
