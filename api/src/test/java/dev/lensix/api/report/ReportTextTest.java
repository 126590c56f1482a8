package dev.lensix.api.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTextTest {

    @Test
    void controlCharactersAndNonCharactersBecomeTheReplacementCharacter() {
        assertThat(ReportText.clean("a\u0000b\u001b[31mc\u007fd\u0085e\uFFFEf\uFFFF"))
                .isEqualTo("a\uFFFDb\uFFFD[31mc\uFFFDd\uFFFDe\uFFFDf\uFFFD");
    }

    @Test
    void tabsLineBreaksEmojiAndRightToLeftTextAreKept() {
        String text = "line 1\r\nline\t2\n\uD83D\uDD11 \u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD";
        assertThat(ReportText.clean(text)).isSameAs(text);
    }

    @Test
    void unpairedSurrogatesAreReplacedButPairsKept() {
        assertThat(ReportText.clean("x\uD83Dy\uDD11z\uD83D\uDD11")).isEqualTo("x\uFFFDy\uFFFDz\uD83D\uDD11");
        assertThat(ReportText.clean("end\uD83D")).isEqualTo("end\uFFFD");
    }
}
