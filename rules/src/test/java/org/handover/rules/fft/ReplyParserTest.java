package org.handover.rules.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.rules.fft.FftAnswer.DONT_KNOW;
import static org.handover.rules.fft.FftAnswer.GOOD;
import static org.handover.rules.fft.FftAnswer.NEITHER;
import static org.handover.rules.fft.FftAnswer.POOR;
import static org.handover.rules.fft.FftAnswer.VERY_GOOD;
import static org.handover.rules.fft.FftAnswer.VERY_POOR;
import static org.handover.rules.fft.ParsedReply.Kind.OPT_IN;
import static org.handover.rules.fft.ParsedReply.Kind.OPT_OUT;
import static org.handover.rules.fft.ParsedReply.Kind.UNCLEAR;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Replies as patients really type them; each row is the text and what it must mean. */
class ReplyParserTest {

    static Stream<Arguments> scores() {
        return Stream.of(
                // plain numbers, however typed
                row("1", VERY_GOOD, null),
                row(" 2 ", GOOD, null),
                row("2.", GOOD, null),
                row("3", NEITHER, null),
                row("4!", POOR, null),
                row("5", VERY_POOR, null),
                row("6", DONT_KNOW, null),
                row("(1)", VERY_GOOD, null),
                row("1)", VERY_GOOD, null),
                row("'2'", GOOD, null),
                row("\n1\n", VERY_GOOD, null),
                row("2️⃣", GOOD, null),
                row("5 - awful", VERY_POOR, null),
                row("1 - Very good", VERY_GOOD, "Very good"),
                row("2 nurses were lovely", GOOD, "nurses were lovely"),
                row("1. Staff were amazing, thank you", VERY_GOOD, "Staff were amazing, thank you"),
                row("4 waited 6 hours to be seen", POOR, "waited 6 hours to be seen"),
                row("2, thanks", GOOD, null),
                row("1!!!", VERY_GOOD, null),
                row("1 👍", VERY_GOOD, null),
                // number words
                row("six", DONT_KNOW, null),
                row("Two", GOOD, null),
                row("ONE.", VERY_GOOD, null),
                row("one - excellent", VERY_GOOD, null),
                row("five", VERY_POOR, null),
                // the answers in words
                row("Very good", VERY_GOOD, null),
                row("very good!!", VERY_GOOD, null),
                row("VERY GOOD", VERY_GOOD, null),
                row("v good", VERY_GOOD, null),
                row("V.good", VERY_GOOD, null),
                row("Good", GOOD, null),
                row("good thanks", GOOD, null),
                row("I'd say good", GOOD, null),
                row("I’d say good", GOOD, null),
                row("Neither good nor poor", NEITHER, null),
                row("neither", NEITHER, null),
                row("Poor", POOR, null),
                row("very poor", VERY_POOR, null),
                row("Don't know", DONT_KNOW, null),
                row("dont know", DONT_KNOW, null),
                row("Don’t know", DONT_KNOW, null),
                row("not sure", DONT_KNOW, null),
                // the way people say them
                row("Excellent", VERY_GOOD, null),
                row("Brilliant care from everyone on the ward", VERY_GOOD, "Brilliant care from everyone on the ward"),
                row("fantastic", VERY_GOOD, null),
                row("really good", VERY_GOOD, null),
                row("very very good", VERY_GOOD, null),
                row("not bad", GOOD, null),
                row("ok", NEITHER, null),
                row("OK I suppose", NEITHER, null),
                row("average", NEITHER, null),
                row("Not good", POOR, null),
                row("not very good at all", POOR, null),
                row("bad", POOR, null),
                row("Terrible", VERY_POOR, null),
                row("awful experience never again", VERY_POOR, "awful experience never again"),
                row("The staff were excellent but the food was poor", VERY_GOOD,
                        "The staff were excellent but the food was poor"),
                row("Waited 3 hours, awful", VERY_POOR, "Waited 3 hours, awful"),
                row("5 stars", VERY_GOOD, null),
                row("1 star", VERY_POOR, null),
                row("I'd say 2", GOOD, null),
                row("Number 4", POOR, null),
                // emoji
                row("👍", GOOD, null),
                row("👍👍", VERY_GOOD, null),
                row("😀", VERY_GOOD, null),
                row("😡", VERY_POOR, null),
                row("🙁", POOR, null),
                row("🤷", DONT_KNOW, null));
    }

    static Arguments row(String text, FftAnswer answer, String comment) {
        return Arguments.of(text, answer, comment);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("scores")
    void understandsScores(String text, FftAnswer answer, String comment) {
        ParsedReply reply = ReplyParser.parse(text);
        assertThat(reply.kind()).as(text).isEqualTo(ParsedReply.Kind.SCORE);
        assertThat(reply.answer()).as(text).isEqualTo(answer);
        assertThat(reply.comment()).as("comment of " + text).isEqualTo(comment);
    }

    static Stream<Arguments> others() {
        return Stream.of(
                Arguments.of("STOP", OPT_OUT),
                Arguments.of("stop", OPT_OUT),
                Arguments.of("Stop.", OPT_OUT),
                Arguments.of("STOPALL", OPT_OUT),
                Arguments.of("stop all", OPT_OUT),
                Arguments.of("UNSUBSCRIBE", OPT_OUT),
                Arguments.of("stop please", OPT_OUT),
                Arguments.of("Please stop!!", OPT_OUT),
                Arguments.of("STOP texting me", OPT_OUT),
                Arguments.of("please unsubscribe me", OPT_OUT),
                Arguments.of("Don't text me again", OPT_OUT),
                Arguments.of("opt out", OPT_OUT),
                Arguments.of("START", OPT_IN),
                Arguments.of("start", OPT_IN),
                Arguments.of("Start please", OPT_IN),
                Arguments.of("", UNCLEAR),
                Arguments.of("   ", UNCLEAR),
                Arguments.of("?", UNCLEAR),
                Arguments.of("Who is this?", UNCLEAR),
                Arguments.of("7", UNCLEAR),
                Arguments.of("10", UNCLEAR),
                Arguments.of("0", UNCLEAR),
                Arguments.of("2.5", UNCLEAR),
                Arguments.of("yes", UNCLEAR),
                Arguments.of("Thanks", UNCLEAR),
                Arguments.of("3 hours", UNCLEAR),
                Arguments.of("Can you call me back about my appointment", UNCLEAR),
                Arguments.of("10/10", UNCLEAR),
                Arguments.of("2 or 3", UNCLEAR));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("others")
    void understandsWhatIsNotAScore(String text, ParsedReply.Kind kind) {
        ParsedReply reply = ReplyParser.parse(text);
        assertThat(reply.kind()).as(text).isEqualTo(kind);
        assertThat(reply.answer()).isNull();
    }
}
