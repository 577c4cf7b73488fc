package org.handover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.bench.MalformedInputs.Input;
import org.handover.bench.MalformedInputs.Kind;
import org.handover.bench.MalformedInputs.Target;
import org.handover.domain.NhsNumber;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

class MalformedInputsTest {

    @Test
    void theSameSeedGivesTheSameInputsAndAnotherSeedOthers() {
        List<Input> first = FuzzLoad.inputs(42, "fuzz-test", 300, 30);
        List<Input> again = FuzzLoad.inputs(42, "fuzz-test", 300, 30);
        List<Input> other = FuzzLoad.inputs(43, "fuzz-test", 300, 30);
        assertThat(first).hasSize(330);
        for (int n = 0; n < first.size(); n++) {
            assertThat(again.get(n).kind()).isEqualTo(first.get(n).kind());
            assertThat(withoutTimes(again.get(n))).isEqualTo(withoutTimes(first.get(n)));
        }
        assertThat(other.stream().map(Input::kind).toList()).isNotEqualTo(first.stream().map(Input::kind).toList());
        assertThat(first.stream().filter(Input::valid)).hasSize(30);
    }

    @Test
    void aLargeRunHasEveryKindOfMalformation() {
        List<Input> inputs = FuzzLoad.inputs(7, "fuzz-test", 3_000, 0);
        assertThat(FuzzLoad.kindsOf(inputs).keySet()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Kind.class));
    }

    @Test
    void validInputsAreWhatTheIntakeAccepts() {
        MalformedInputs generator = new MalformedInputs(1, "fuzz-test");
        FhirContext fhir = FhirContext.forR4Cached();
        Set<Target> seen = EnumSet.noneOf(Target.class);
        for (int n = 0; n < 60; n++) {
            Input input = generator.next(n, true);
            seen.add(input.target());
            switch (input.target()) {
                case FHIR_JSON -> assertThat(fhir.newJsonParser().parseResource(ServiceRequest.class, input.text())
                        .getIdentifierFirstRep().getValue()).isEqualTo(input.key());
                case FHIR_XML -> assertThat(fhir.newXmlParser().parseResource(ServiceRequest.class, input.text())
                        .getIdentifierFirstRep().getValue()).isEqualTo(input.key());
                case HL7 -> {
                    assertThat(input.text()).startsWith("MSH|").contains("|" + input.key() + "|P|2.5\r");
                    assertThat(NhsNumber.isValid(pidNhsNumber(input.text()))).isTrue();
                }
                case SMS -> assertThat(input.key()).startsWith(MalformedInputs.PHONE_PREFIX);
            }
        }
        assertThat(seen).contains(Target.FHIR_JSON, Target.FHIR_XML, Target.HL7);
    }

    @Test
    void eachKindIsSpoiltTheWayItSays() {
        MalformedInputs generator = new MalformedInputs(3, "fuzz-test");
        FhirContext fhir = FhirContext.forR4Cached();
        for (int n = 0; n < 20; n++) {
            for (Kind kind : Kind.values()) {
                Input input = generator.malformed(n, kind);
                assertThat(input.target()).isEqualTo(kind.target);
                String text = input.text();
                switch (kind) {
                    case FHIR_JSON_TRUNCATED, FHIR_XML_TRUNCATED -> assertThat(parses(fhir, input)).isFalse();
                    case FHIR_JSON_WRONG_TYPE, FHIR_XML_WRONG_TYPE ->
                            assertThat(text).containsAnyOf("\"status\":42", "\"identifier\":\"x\"", "\"subject\":[true]",
                                    "31-02-", "\"resourceType\":\"Bundle\"", "value=\"maybe\"", "<intent><coding/>");
                    case FHIR_JSON_BAD_NHS_NUMBER, FHIR_XML_BAD_NHS_NUMBER ->
                            assertThat(fhirNhsNumber(text)).satisfies(number -> assertThat(NhsNumber.isValid(number))
                                    .as(number).isFalse());
                    case HL7_BAD_NHS_NUMBER -> assertThat(NhsNumber.isValid(pidNhsNumber(text))).isFalse();
                    case FHIR_JSON_INVALID_UTF8, FHIR_XML_INVALID_UTF8, HL7_INVALID_UTF8 ->
                            assertThat(isUtf8(input.body())).isFalse();
                    case FHIR_JSON_MISSING_UBRN -> assertThat(text).doesNotContain("Id/UBRN");
                    case FHIR_JSON_NOT_JSON -> assertThat(text).doesNotStartWith("{\"resourceType\"");
                    case FHIR_JSON_OVERSIZE -> assertThat(text.length()).isGreaterThan(1_000_000);
                    case FHIR_XML_EXTERNAL_ENTITY -> assertThat(text).contains("<!ENTITY", "&secret;");
                    case HL7_TRUNCATED -> assertThat(input.body().length).isLessThan(
                            new MalformedInputs(3, "fuzz-test").next(0, true).body().length + 2_000);
                    case HL7_WRONG_SEGMENT_ORDER -> assertThat(text.indexOf("\rPV1|")).isLessThan(text.indexOf("\rPID|"));
                    case HL7_MISSING_PID -> assertThat(text).doesNotContain("\rPID|").contains("\rPV1|");
                    case HL7_BAD_DATE -> assertThat(text).contains("2026-13-45T25:61");
                    case SMS_GARBLED, SMS_CONTROL_CHARACTERS, SMS_LONG -> {
                        assertThat(input.key()).startsWith(MalformedInputs.PHONE_PREFIX);
                        assertThat(text.toUpperCase()).doesNotContain("STOP").doesNotContain("START");
                        assertThat(text.length()).isBetween(1, 1_000);
                    }
                }
            }
        }
    }

    @Test
    void aTruncatedMessageIsShorterThanTheWhole() {
        MalformedInputs generator = new MalformedInputs(5, "fuzz-test");
        for (int n = 0; n < 50; n++) {
            Input hl7 = generator.malformed(n, Kind.HL7_TRUNCATED);
            assertThat(hl7.text()).doesNotEndWith("|\r").as("cut before the last segment").doesNotContain("PV1|");
            assertThat(hl7.body().length).isGreaterThanOrEqualTo(8);
        }
    }

    /** HL7 messages carry the time they were made. */
    private static String withoutTimes(Input input) {
        return input.text().replaceAll("\\|\\d{14}", "|(time)");
    }

    private static boolean parses(FhirContext fhir, Input input) {
        try {
            if (input.target() == Target.FHIR_XML) {
                fhir.newXmlParser().parseResource(ServiceRequest.class, input.text());
            } else {
                fhir.newJsonParser().parseResource(ServiceRequest.class, input.text());
            }
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static String fhirNhsNumber(String text) {
        Matcher json = Pattern.compile("nhs-number\",\"value\":\"([^\"]*)\"").matcher(text);
        if (json.find()) {
            return json.group(1);
        }
        Matcher xml = Pattern.compile("nhs-number\"/>\\s*<value value=\"([^\"]*)\"").matcher(text);
        return xml.find() ? xml.group(1) : "(none)";
    }

    private static String pidNhsNumber(String text) {
        Matcher pid = Pattern.compile("\rPID\\|1\\|\\|([^^]*)\\^").matcher(text);
        return pid.find() ? pid.group(1) : "(none)";
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
