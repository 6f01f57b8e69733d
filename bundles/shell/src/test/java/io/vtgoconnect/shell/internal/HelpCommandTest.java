package io.vtgoconnect.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpCommandTest {
    @Test
    void detailWrapsAtSpaces() {
        assertEquals(List.of("Sends DTMF", "tones. Valid", "values are", "0,1,2,3,4,5,6,7,8,9,*,#."),
                HelpCommand.wrap("Sends DTMF tones. Valid values are 0,1,2,3,4,5,6,7,8,9,*,#.", 12));
    }

    @Test
    void shortTextIsOneLine() {
        assertEquals(List.of("Puts active call on hold."), HelpCommand.wrap("Puts active call on hold.", HelpCommand.DETAIL_WIDTH));
    }
}
