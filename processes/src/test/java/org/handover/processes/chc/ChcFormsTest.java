package org.handover.processes.chc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CHC Camunda Forms against the contracts: keys, labels, help text, required fields and coded choices. */
class ChcFormsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(?:substring\\()?([a-z][A-Za-z]*)");
    private static final List<String> FORMS = List.of(ChcProcess.Forms.START, ChcProcess.Forms.CHECKLIST,
            ChcProcess.Forms.ARRANGE_ASSESSMENT, ChcProcess.Forms.DST, ChcProcess.Forms.PANEL_DECISION,
            ChcProcess.Forms.EXPLAIN_BREACH, ChcProcess.Forms.ARRANGE_CARE, ChcFastTrackProcess.Forms.START,
            ChcFastTrackProcess.Forms.ACCEPT);

    @ParameterizedTest
    @ValueSource(strings = {"chc-start-checklist", "chc-checklist", "chc-arrange-assessment", "chc-dst",
            "chc-panel-decision", "chc-breach-reason", "chc-arrange-care", "chc-fast-track", "chc-fast-track-acceptance"})
    void everyFieldIsAContractVariableWithLabelAndHelp(String id) throws Exception {
        JsonNode form = read(id);
        assertThat(form.path("id").asText()).isEqualTo(id);
        assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");
        Set<String> variables = variables();
        Set<String> ids = new HashSet<>();
        for (JsonNode component : form.path("components")) {
            assertThat(ids.add(component.path("id").asText())).as("unique id").isTrue();
            if (component.has("key")) {
                String key = component.path("key").asText();
                assertThat(variables).as("key " + key).contains(key);
                assertThat(component.path("label").asText()).as(key).isNotBlank();
                assertThat(component.path("description").asText()).as("help text for " + key).isNotBlank();
            }
            Matcher names = TEMPLATE.matcher(component.path("text").asText());
            while (names.find()) {
                assertThat(variables).as("template variable in " + id).contains(names.group(1));
            }
        }
        assertThat(FORMS).contains(id);
    }

    @Test
    void theChecklistAsksForEveryDomainAToCWithEvidence() throws Exception {
        JsonNode form = read(ChcProcess.Forms.CHECKLIST);
        for (String domain : ChcProcess.CHECKLIST_DOMAINS) {
            JsonNode level = field(form, ChcProcess.Variables.checklistLevel(domain));
            assertThat(values(level)).containsExactlyElementsOf(ChcProcess.CHECKLIST_LEVELS);
            assertThat(level.path("validate").path("required").asBoolean()).isTrue();
            assertThat(field(form, ChcProcess.Variables.checklistEvidence(domain)).path("validate").path("required")
                    .asBoolean()).isTrue();
        }
    }

    @Test
    void theDstOffersOnlyTheLevelsEachDomainHas() throws Exception {
        JsonNode form = read(ChcProcess.Forms.DST);
        for (String domain : ChcProcess.DST_DOMAINS.keySet()) {
            assertThat(values(field(form, ChcProcess.Variables.dstLevel(domain)))).as(domain)
                    .containsExactlyElementsOf(ChcProcess.DstLevels.allowed(domain));
        }
        for (String key : List.of(ChcProcess.Variables.NATURE, ChcProcess.Variables.INTENSITY,
                ChcProcess.Variables.COMPLEXITY, ChcProcess.Variables.UNPREDICTABILITY)) {
            assertThat(field(form, key).path("validate").path("required").asBoolean()).as(key).isTrue();
        }
    }

    @Test
    void thePanelChoicesAreTheContractsDecisions() throws Exception {
        assertThat(values(field(read(ChcProcess.Forms.PANEL_DECISION), ChcProcess.Variables.PANEL_DECISION)))
                .containsExactlyElementsOf(ChcProcess.PanelDecisions.ALL);
        assertThat(values(field(read(ChcProcess.Forms.ARRANGE_ASSESSMENT), ChcProcess.Variables.CONSENT_BASIS)))
                .containsExactlyElementsOf(ChcProcess.ConsentBases.ALL);
    }

    private static Set<String> variables() throws IllegalAccessException {
        Set<String> names = new HashSet<>(constants(ChcProcess.Variables.class));
        names.addAll(constants(ChcFastTrackProcess.Variables.class));
        for (String domain : ChcProcess.CHECKLIST_DOMAINS) {
            names.add(ChcProcess.Variables.checklistLevel(domain));
            names.add(ChcProcess.Variables.checklistEvidence(domain));
        }
        for (String domain : ChcProcess.DST_DOMAINS.keySet()) {
            names.add(ChcProcess.Variables.dstLevel(domain));
            names.add(ChcProcess.Variables.dstEvidence(domain));
        }
        return names;
    }

    private static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }

    private static List<String> values(JsonNode field) {
        List<String> values = new ArrayList<>();
        field.path("values").forEach(v -> values.add(v.path("value").asText()));
        return values;
    }

    private static JsonNode field(JsonNode form, String key) {
        for (JsonNode component : form.path("components")) {
            if (key.equals(component.path("key").asText())) {
                return component;
            }
        }
        throw new AssertionError("No field " + key + " in " + form.path("id").asText());
    }

    private static JsonNode read(String id) throws Exception {
        try (InputStream in = ChcFormsTest.class.getResourceAsStream("/forms/" + id + ".form")) {
            assertThat(in).as(id).isNotNull();
            return JSON.readTree(in);
        }
    }
}
