package org.handover.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnPreferenceTest {

    @Test
    void minimalOnlyWhenTheReturnPreferenceSaysSo() {
        assertThat(ReturnPreference.of("return=minimal")).isEqualTo(ReturnPreference.MINIMAL);
        assertThat(ReturnPreference.of("Return = \"Minimal\"")).isEqualTo(ReturnPreference.MINIMAL);
        assertThat(ReturnPreference.of("respond-async, return=minimal; x=1")).isEqualTo(ReturnPreference.MINIMAL);
    }

    @Test
    void theResourceByDefaultAndForAnyOtherPreference() {
        assertThat(ReturnPreference.of(null)).isEqualTo(ReturnPreference.REPRESENTATION);
        assertThat(ReturnPreference.of(" ")).isEqualTo(ReturnPreference.REPRESENTATION);
        assertThat(ReturnPreference.of("return=representation")).isEqualTo(ReturnPreference.REPRESENTATION);
        assertThat(ReturnPreference.of("return=OperationOutcome")).isEqualTo(ReturnPreference.REPRESENTATION);
        assertThat(ReturnPreference.of("respond-async")).isEqualTo(ReturnPreference.REPRESENTATION);
        assertThat(ReturnPreference.of("handling=strict, returnminimal")).isEqualTo(ReturnPreference.REPRESENTATION);
    }
}
