package org.handover.rules.fft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "call me on 07700 900123 please | call me on [phone number removed] please",
            "ring +44 7700 900123 | ring [phone number removed]",
            "ring +447700900123. | ring [phone number removed].",
            "landline 0121 496 0000 | landline [phone number removed]",
            "(0121) 496-0000 anytime | [phone number removed] anytime",
            "email jo.bloggs@example.com thanks | email [email removed] thanks",
            "my NHS number is 943 476 5919 | my NHS number is [NHS number removed]",
            "nhs no 9434765919 | nhs no [NHS number removed]",
            "ref 943-476-5910 | ref [NHS number removed]",
            "Ward 7 was great, 3 nurses, 2 days | Ward 7 was great, 3 nurses, 2 days",
            "waited 12345 minutes | waited 12345 minutes",
    })
    void removesIdentifiers(String text, String expected) {
        assertThat(Redaction.redact(text)).isEqualTo(expected);
    }
}
