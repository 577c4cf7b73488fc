package org.handover.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every BPMN in processes/ against every form in forms/, without an engine: each user task, and each start event a
 * person starts from Tasklist, has a Camunda Form deployed and versioned with it; each form it names exists; each
 * input field has a label; each field the process's conditions read is required. Lists every problem at once.
 */
class FormsAuditTest {

    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final Path PROCESSES = Path.of("..", "processes", "src", "main", "resources", "processes");
    static final Path FORMS = Path.of("..", "forms", "src", "main", "resources", "forms");
    static final Set<String> LAYOUT = Set.of("text", "html", "spacer", "separator", "group", "dynamiclist",
            "iframe", "image", "table", "button", "default");
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final Map<String, JsonNode> formsById = new HashMap<>();

    @BeforeAll
    static void readForms() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(FORMS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
                JsonNode form = json.readTree(file.toFile());
                formsById.put(form.path("id").asText(), form);
            }
        }
    }

    @Test
    void everyUserTaskAndTasklistStartHasAnExistingCompleteForm() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> models;
        try (Stream<Path> files = Files.list(PROCESSES)) {
            models = files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(models).isNotEmpty();
        for (Path file : models) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            Set<String> conditionVariables = conditionVariables(model);
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                checkForm(file, task, true, conditionVariables, problems);
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                boolean startedInTasklist = start.getParentElement() instanceof Process process
                        && start.getEventDefinitions().isEmpty() && isStartableInTasklist(process);
                if (startedInTasklist || start.getAttributeValueNs(CAMUNDA, "formRef") != null) {
                    checkForm(file, start, startedInTasklist, conditionVariables, problems);
                }
            }
        }
        assertThat(problems).as("form problems").isEmpty();
    }

    @Test
    void theAuditFindsWhatIsWrong() {
        List<String> problems = new ArrayList<>();
        checkFields(Path.of("x.bpmn"), "UserTask_X", formsFromText("""
                {"id":"x","components":[{"type":"textfield","key":"outcome"},
                 {"type":"textfield","key":"note","label":"Note"}]}"""), Set.of("outcome"), problems);
        assertThat(problems).hasSize(2).anyMatch(p -> p.contains("no label")).anyMatch(p -> p.contains("not required"));
    }

    private static void checkForm(Path file, BaseElement element, boolean formNeeded, Set<String> conditionVariables,
            List<String> problems) {
        String where = file.getFileName() + " " + element.getId();
        String formRef = element.getAttributeValueNs(CAMUNDA, "formRef");
        if (formRef == null) {
            if (formNeeded) {
                problems.add(where + ": no Camunda Form (camunda:formRef); a start event only systems use needs "
                        + "camunda:isStartableInTasklist=\"false\" on its process");
            }
            return;
        }
        String binding = element.getAttributeValueNs(CAMUNDA, "formRefBinding");
        if (!"deployment".equals(binding) && !"version".equals(binding)) {
            problems.add(where + ": form " + formRef + " must be bound to its deployment or a version, not " + binding);
        }
        JsonNode form = formsById.get(formRef);
        if (form == null) {
            problems.add(where + ": form " + formRef + " does not exist in forms/");
            return;
        }
        checkFields(file, element.getId(), form, conditionVariables, problems);
    }

    private static void checkFields(Path file, String elementId, JsonNode form, Set<String> conditionVariables,
            List<String> problems) {
        for (JsonNode field : inputFields(form.path("components"))) {
            String where = file.getFileName() + " " + elementId + " form " + form.path("id").asText() + " field "
                    + field.path("key").asText();
            if (field.path("label").asText("").isBlank() && field.path("dateLabel").asText("").isBlank()) {
                problems.add(where + ": no label");
            }
            boolean editable = !field.path("readonly").asBoolean(false) && !field.path("disabled").asBoolean(false);
            if (editable && conditionVariables.contains(field.path("key").asText())
                    && !field.path("validate").path("required").asBoolean(false)) {
                problems.add(where + ": the process decides on it but it is not required (validate.required)");
            }
        }
    }

    private static List<JsonNode> inputFields(JsonNode components) {
        List<JsonNode> fields = new ArrayList<>();
        for (JsonNode component : components) {
            if (component.has("components")) {
                fields.addAll(inputFields(component.path("components")));
            }
            if (!LAYOUT.contains(component.path("type").asText()) && component.has("key")) {
                fields.add(component);
            }
        }
        return fields;
    }

    /** Names read by the process's sequence-flow conditions: what a form must not leave empty. */
    private static Set<String> conditionVariables(BpmnModelInstance model) {
        Set<String> names = new LinkedHashSet<>();
        for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
            Matcher identifier = IDENTIFIER.matcher(condition.getTextContent().replaceAll("'[^']*'|\"[^\"]*\"", ""));
            while (identifier.find()) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    private static boolean isStartableInTasklist(Process process) {
        return !"false".equals(process.getAttributeValueNs(CAMUNDA, "isStartableInTasklist"));
    }

    private static JsonNode formsFromText(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
