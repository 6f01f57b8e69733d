package io.vtgoconnect.api.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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

    @Test
    void eachPhoneHasItsLinesInTurnFromTheFirstLine() {
        FarmTemplate farm = new FarmTemplate(5, 3, 3000, 2);
        assertEquals(List.of(5, 6, 7), farm.numbers());
        assertEquals(List.of(3004, 3005), farm.lines(7));
        assertEquals("SEP000000000006 3002", farm.expand("SEP{n:012} {line}", 6));
        assertThrows(IllegalArgumentException.class, () -> new FarmTemplate(1, 0, 3000, 1));
        assertThrows(IllegalArgumentException.class, () -> new FarmTemplate(1, 2, 3000, 0));
    }
}
