package org.handover.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "943 476 5919", "943-476-5919", " 9434765919 ", "4010232137"})
    void acceptsValidNumbersInTheirWrittenForms(String text) {
        assertThat(NhsNumber.isValid(text)).isTrue();
    }

    @Test
    void rejectsAWrongCheckDigit() {
        assertThatThrownBy(() -> NhsNumber.of("9434765918"))
                .isInstanceOf(InvalidNhsNumberException.class)
                .hasMessageContaining("check digit is wrong");
    }

    @Test
    void rejectsNumbersWhoseCheckDigitWouldBeTen() {
        // 1,0,0,0,0,0,0,0,1: weighted sum 10 + 2 = 12, 12 mod 11 = 1, 11 - 1 = 10
        assertThat(NhsNumber.checkDigitFor("100000001")).isEqualTo(10);
        assertThatThrownBy(() -> NhsNumber.of("1000000010"))
                .isInstanceOf(InvalidNhsNumberException.class)
                .hasMessageContaining("check digit 10");
        assertThat(NhsNumber.withCheckDigit("100000001")).isEmpty();
    }

    @Test
    void aRemainderOfZeroGivesCheckDigitZero() {
        // 1,0,0,0,0,0,0,0,6: weighted sum 10 + 12 = 22, 22 mod 11 = 0, 11 - 0 = 11 -> 0
        assertThat(NhsNumber.checkDigitFor("100000006")).isZero();
        assertThat(NhsNumber.of("1000000060").value()).isEqualTo("1000000060");
    }

    @ParameterizedTest
    @ValueSource(strings = {"943476591", "94347659190", "12"})
    void rejectsTheWrongLength(String text) {
        assertThatThrownBy(() -> NhsNumber.of(text)).hasMessageContaining("must have 10 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"943476591X", "94347 6591a", "943.476.5919", "９４３４７６５９１９"})
    void rejectsNonDigits(String text) {
        assertThatThrownBy(() -> NhsNumber.of(text)).hasMessageContaining("only digits");
    }

    @Test
    void rejectsMissingNumbers() {
        assertThatThrownBy(() -> NhsNumber.of(null)).hasMessage("NHS number is missing");
        assertThatThrownBy(() -> NhsNumber.of("  ")).hasMessage("NHS number is missing");
    }

    @Test
    void formatsAndMasks() {
        NhsNumber number = NhsNumber.of("9434765919");
        assertThat(number.formatted()).isEqualTo("943 476 5919");
        assertThat(number.masked()).isEqualTo("*** *** 5919");
        assertThat(number.toString()).doesNotContain("943476");
        assertThat(number.isTestNumber()).isFalse();
    }

    @Test
    void errorMessagesNeverRepeatTheNumber() {
        assertThatThrownBy(() -> NhsNumber.of("9434765918")).message().doesNotContain("9434765918");
    }

    @Test
    void equalityIsByDigits() {
        assertThat(NhsNumber.of("943 476 5919")).isEqualTo(NhsNumber.of("9434765919"));
    }
}
