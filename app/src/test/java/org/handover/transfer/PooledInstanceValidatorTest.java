package org.handover.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.handover.transfer.EDischargeMessages.Kind;
import org.handover.transfer.EDischargeMessages.Request;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Test;

/**
 * The pooled validator reports exactly what HAPI's own FhirInstanceValidator reports (every severity, location and
 * text, warnings included), for valid and invalid messages, when its validators are reused and retired by several
 * threads at once.
 */
class PooledInstanceValidatorTest {

    static final String SUMMARY_ID = "11111111-1111-1111-1111-111111111111";

    @Test
    void reportsWhatHapisOwnValidatorReportsWhileReusedOnSeveralThreads() throws Exception {
        Map<String, String> messages = messages();
        FhirValidator hapi = EDischargeMessagesTest.FHIR.newValidator()
                .registerValidatorModule(configured(new FhirInstanceValidator(
                        Stu3Validation.specification(EDischargeMessagesTest.FHIR))));
        PooledInstanceValidator pooled = new PooledInstanceValidator(
                Stu3Validation.specification(EDischargeMessagesTest.FHIR), 7);
        FhirValidator reusing = EDischargeMessagesTest.FHIR.newValidator().registerValidatorModule(configured(pooled));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        messages.forEach((name, json) -> expected.put(name, report(hapi, json)));

        ExecutorService threads = Executors.newFixedThreadPool(3);
        List<Future<Map<String, List<String>>>> rounds = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            rounds.add(threads.submit(() -> {
                Map<String, List<String>> reported = new LinkedHashMap<>();
                messages.forEach((name, json) -> reported.put(name, report(reusing, json)));
                return reported;
            }));
        }
        try {
            for (Future<Map<String, List<String>>> round : rounds) {
                assertThat(round.get(5, TimeUnit.MINUTES)).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(expected.get("valid summary")).noneMatch(m -> m.startsWith("ERROR") || m.startsWith("FATAL"));
        assertThat(expected).allSatisfy((name, reported) -> {
            if (name.startsWith("broken")) {
                assertThat(reported).as(name).anyMatch(m -> m.startsWith("ERROR") || m.startsWith("FATAL"));
            }
        });
        int validations = 6 * messages.size();
        assertThat(pooled.built()).as("validators built for %d validations, each used at most 7 times", validations)
                .isGreaterThanOrEqualTo(validations / 7).isLessThan(validations / 2);
    }

    private static FhirInstanceValidator configured(FhirInstanceValidator validator) {
        validator.setAnyExtensionsAllowed(true);
        return validator;
    }

    private static List<String> report(FhirValidator validator, String json) {
        return validator.validateWithResult(json).getMessages().stream().map(PooledInstanceValidatorTest::line)
                .toList();
    }

    private static String line(SingleValidationMessage m) {
        return m.getSeverity() + " " + m.getLocationString() + " " + m.getLocationLine() + ":" + m.getLocationCol()
                + " " + m.getMessageId() + " " + m.getMessage();
    }

    private static Map<String, String> messages() {
        EDischargeMessages build = EDischargeMessagesTest.MESSAGES;
        String summary = build.json(build.build(new Request(SUMMARY_ID, Kind.SUMMARY, EDischargeMessagesTest.DISCHARGE,
                EDischargeMessagesTest.SUMMARY, null, null, EDischargeMessagesTest.NOW)));
        String document = EDischargeMessages.documentId(SUMMARY_ID);
        Map<String, String> messages = new LinkedHashMap<>();
        messages.put("valid summary", summary);
        messages.put("valid addendum", build.json(build.build(new Request("22222222-2222-2222-2222-222222222222",
                Kind.ADDENDUM, EDischargeMessagesTest.DISCHARGE, EDischargeMessagesTest.SUMMARY, document,
                "Blood cultures: no growth at 5 days.", EDischargeMessagesTest.NOW))));
        messages.put("valid cancellation", build.json(build.build(new Request("33333333-3333-3333-3333-333333333333",
                Kind.CANCELLATION, EDischargeMessagesTest.DISCHARGE, EDischargeMessagesTest.SUMMARY, document,
                "A13: discharge entered in error", EDischargeMessagesTest.NOW))));
        messages.put("broken: no message source", summary.replaceFirst("\"source\":\\{[^}]*\\},?", ""));
        messages.put("broken: unknown bundle type", summary.replaceFirst("\"type\":\"message\"", "\"type\":\"letter\""));
        messages.put("broken: bad date", summary.replaceFirst("\"birthDate\":\"[^\"]*\"", "\"birthDate\":\"1941-02-30\""));
        messages.put("broken: script in a narrative", summary.replaceFirst("<div xmlns=\\\\\"http://www.w3.org/1999/xhtml\\\\\">",
                "$0<script>alert(1)</script>"));
        messages.put("broken: unknown element", summary.replaceFirst("\"resourceType\":\"Bundle\",",
                "\"resourceType\":\"Bundle\",\"colour\":\"red\","));
        messages.put("broken: unknown profile", summary.replaceFirst("\"resourceType\":\"Bundle\",",
                "\"resourceType\":\"Bundle\",\"meta\":{\"profile\":[\"https://example.org/StructureDefinition/none\"]},"));
        messages.forEach((name, json) -> {
            if (!name.startsWith("valid")) {
                assertThat(json).as(name + " differs from the valid summary").isNotEqualTo(summary);
            }
        });
        return messages;
    }
}
