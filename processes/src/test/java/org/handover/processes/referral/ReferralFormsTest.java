package org.handover.processes.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Forms of the referral process against the contract: every field is labelled and bound to a contract
 * variable, every template and condition reads contract variables, and the choices match the contract's values.
 */
class ReferralFormsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("\\b([a-z][A-Za-z]*)\\b");
    private static final Set<String> FEEL_WORDS = Set.of("null", "replace", "substring", "if", "then", "else", "and", "or", "not");

    @ParameterizedTest
    @ValueSource(strings = {ReferralProcess.Forms.TRIAGE, ReferralProcess.Forms.BOOK, ReferralProcess.Forms.ESCALATE})
    void formsAreLabelledAndReadOnlyContractVariables(String id) throws Exception {
        JsonNode form = read(id);
        assertThat(form.path("id").asText()).isEqualTo(id);
        assertThat(form.path("schemaVersion").asInt()).isEqualTo(read("delivery-failed").path("schemaVersion").asInt());
        assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");

        Set<String> variables = new HashSet<>(ReferralTriageModelTest.constants(ReferralProcess.Variables.class));
        Set<String> componentIds = new HashSet<>();
        for (JsonNode component : form.path("components")) {
            assertThat(componentIds.add(component.path("id").asText())).as("unique id " + component).isTrue();
            if (component.has("key")) {
                String key = component.path("key").asText();
                assertThat(variables).as("key " + key).contains(key);
                if ("datetime".equals(component.path("type").asText())) {
                    assertThat(component.path("dateLabel").asText()).as(key).isNotBlank();
                    assertThat(component.path("timeLabel").asText()).as(key).isNotBlank();
                } else {
                    assertThat(component.path("label").asText()).as(key).isNotBlank();
                }
                if (!component.path("readonly").asBoolean()) {
                    assertThat(component.path("description").asText()).as("help text for " + key).isNotBlank();
                }
            }
            for (String name : namesIn(component)) {
                assertThat(variables).as("variable " + name + " in " + component.path("id").asText()).contains(name);
            }
        }
    }

    @Test
    void triageOffersExactlyTheContractsOutcomesAndPriorities() throws Exception {
        JsonNode form = read(ReferralProcess.Forms.TRIAGE);
        assertThat(values(form, ReferralProcess.Variables.TRIAGE_OUTCOME))
                .containsExactlyInAnyOrderElementsOf(TriageDecisionRequired.OUTCOMES);
        assertThat(values(form, ReferralProcess.Variables.NEW_PRIORITY))
                .containsExactlyInAnyOrderElementsOf(TriageDecisionRequired.PRIORITIES);
        assertThat(values(form, ReferralProcess.Variables.REDIRECT_SPECIALTY)).isNotEmpty();
        assertThat(field(form, ReferralProcess.Variables.TRIAGE_COMMENT).path("validate").path("required").asBoolean()).isTrue();
        assertThat(field(form, ReferralProcess.Variables.TRIAGE_OUTCOME).path("validate").path("required").asBoolean()).isTrue();
    }

    @Test
    void bookingAsksForClinicLocalStartAndLocation() throws Exception {
        JsonNode form = read(ReferralProcess.Forms.BOOK);
        for (String key : List.of(ReferralProcess.Variables.APPOINTMENT_CLINIC, ReferralProcess.Variables.APPOINTMENT_START,
                ReferralProcess.Variables.APPOINTMENT_LOCATION)) {
            assertThat(field(form, key).path("validate").path("required").asBoolean()).as(key).isTrue();
        }
        JsonNode start = field(form, ReferralProcess.Variables.APPOINTMENT_START);
        assertThat(start.path("subtype").asText()).isEqualTo("datetime");
        assertThat(start.path("timeSerializingFormat").asText()).isEqualTo("no_timezone");
    }

    @Test
    void escalationRecordsTheActionTaken() throws Exception {
        JsonNode form = read(ReferralProcess.Forms.ESCALATE);
        assertThat(field(form, ReferralProcess.Variables.ACTION_TAKEN).path("validate").path("required").asBoolean()).isTrue();
    }

    /** Variable names in templates ({{...}}) and FEEL conditions ("=..."), leaving out string literals. */
    private static List<String> namesIn(JsonNode component) {
        List<String> expressions = new ArrayList<>();
        Matcher templates = Pattern.compile("\\{\\{(.*?)}}").matcher(component.path("text").asText());
        while (templates.find()) {
            expressions.add(templates.group(1));
        }
        String hide = component.path("conditional").path("hide").asText();
        if (!hide.isEmpty()) {
            expressions.add(hide.substring(1));
        }
        List<String> names = new ArrayList<>();
        for (String expression : expressions) {
            Matcher matcher = NAME.matcher(expression.replaceAll("\"[^\"]*\"", ""));
            while (matcher.find()) {
                if (!FEEL_WORDS.contains(matcher.group(1))) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static List<String> values(JsonNode form, String key) {
        List<String> values = new ArrayList<>();
        field(form, key).path("values").forEach(value -> {
            assertThat(value.path("label").asText()).isNotBlank();
            values.add(value.path("value").asText());
        });
        return values;
    }

    private static JsonNode field(JsonNode form, String key) {
        for (JsonNode component : form.path("components")) {
            if (key.equals(component.path("key").asText())) {
                return component;
            }
        }
        throw new AssertionError("no field " + key);
    }

    private static JsonNode read(String id) throws IOException {
        try (InputStream in = ReferralFormsTest.class.getClassLoader().getResourceAsStream("forms/" + id + ".form")) {
            assertThat(in).as(id).isNotNull();
            return JSON.readTree(in);
        }
    }
}
