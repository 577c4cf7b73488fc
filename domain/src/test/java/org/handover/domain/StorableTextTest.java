package org.handover.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void nulBecomesTheReplacementCharacterAndOtherControlCharactersStay() {
        assertThat(StorableText.of("\u0000\u0007ab\u001b[31m\u0008\u007f3"))
                .isEqualTo("\uFFFD\u0007ab\u001b[31m\u0008\u007f3");
    }

    @Test
    void unpairedSurrogatesAreReplacedAndPairsKept() {
        String smile = "\uD83D\uDE00";
        assertThat(StorableText.of("a" + smile + "\uD83Db\uDE00")).isEqualTo("a" + smile + "\uFFFDb\uFFFD");
        assertThat(StorableText.of("end\uD83D")).isEqualTo("end\uFFFD");
    }

    @Test
    void storableTextIsReturnedAsItIs() {
        String text = "Very good \uD83D\uDE00 thank you";
        assertThat(StorableText.of(text)).isSameAs(text);
        assertThat(StorableText.of(null)).isNull();
        assertThat(StorableText.of("")).isEmpty();
    }
}
