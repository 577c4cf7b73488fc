package org.handover.processes.discharge;

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
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The BPMN and its forms against the contract and house style, without an engine. */
class DischargeToAssessModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("\\b([a-z][A-Za-z]*)\\b");
    private static final Set<String> FEEL_WORDS = Set.of("null", "true", "false", "and", "or", "not");
    private static BpmnModelInstance model;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = resource(DischargeToAssessProcess.RESOURCE)) {
            model = Bpmn.readModelFromStream(in);
        }
        Bpmn.validateModel(model);
    }

    @Test
    void everyContractElementIsInTheModelAndDrawn() throws Exception {
        for (String id : constants(DischargeToAssessProcess.Elements.class)) {
            assertThat(model.<BaseElement>getModelElementById(id)).as(id).isNotNull();
        }
        Set<String> drawn = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(shape -> drawn.add(shape.getBpmnElement().getId()));
        model.getModelElementsByType(FlowNode.class).forEach(node -> assertThat(drawn).as("drawn " + node.getId())
                .contains(node.getId()));
    }

    @Test
    void serviceTasksUseExactlyTheContractsDelegatesAndFormsAreBound() throws Exception {
        List<String> used = model.getModelElementsByType(ServiceTask.class).stream()
                .map(ServiceTask::getCamundaDelegateExpression).toList();
        assertThat(used).containsExactlyInAnyOrderElementsOf(constants(DischargeToAssessProcess.Delegates.class)
                .stream().map(name -> "${" + name + "}").toList());
        List<String> forms = model.getModelElementsByType(UserTask.class).stream()
                .map(UserTask::getCamundaFormRef).toList();
        assertThat(forms).containsExactlyInAnyOrderElementsOf(constants(DischargeToAssessProcess.Forms.class));
        model.getModelElementsByType(UserTask.class).forEach(task ->
                assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment"));
    }

    @ParameterizedTest
    @ValueSource(strings = {DischargeToAssessProcess.Forms.CONFIRM, DischargeToAssessProcess.Forms.ACKNOWLEDGE,
            DischargeToAssessProcess.Forms.ESCALATE})
    void formsAreLabelledAndReadOnlyContractVariables(String id) throws Exception {
        JsonNode form;
        try (InputStream in = resource("forms/" + id + ".form")) {
            form = JSON.readTree(in);
        }
        assertThat(form.path("id").asText()).isEqualTo(id);
        Set<String> variables = new HashSet<>(constants(DischargeToAssessProcess.Variables.class));
        for (JsonNode component : form.path("components")) {
            if (component.has("key")) {
                assertThat(variables).as("key").contains(component.path("key").asText());
                assertThat(component.path("label").asText()).isNotBlank();
                assertThat(component.path("description").asText()).isNotBlank();
            }
            List<String> texts = new ArrayList<>();
            texts.add(component.path("text").asText(""));
            texts.add(component.path("conditional").path("hide").asText(""));
            for (String text : texts) {
                Matcher templates = Pattern.compile("\\{\\{(\\w+)}}").matcher(text);
                while (templates.find()) {
                    assertThat(variables).as("template in " + id).contains(templates.group(1));
                }
            }
            String hide = component.path("conditional").path("hide").asText("").replaceAll("\"[^\"]*\"", "");
            Matcher names = NAME.matcher(hide);
            while (names.find()) {
                if (!FEEL_WORDS.contains(names.group(1))) {
                    assertThat(variables).as("condition in " + id).contains(names.group(1));
                }
            }
        }
    }

    @Test
    void theConfirmFormOffersExactlyPathwaysZeroToThree() throws Exception {
        JsonNode form;
        try (InputStream in = resource("forms/" + DischargeToAssessProcess.Forms.CONFIRM + ".form")) {
            form = JSON.readTree(in);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode component : form.path("components")) {
            if (DischargeToAssessProcess.Variables.PATHWAY.equals(component.path("key").asText())) {
                component.path("values").forEach(v -> values.add(v.path("value").asText()));
            }
        }
        assertThat(values).containsExactly("0", "1", "2", "3");
    }

    private static InputStream resource(String name) {
        return DischargeToAssessModelTest.class.getClassLoader().getResourceAsStream(name);
    }

    static List<String> constants(Class<?> holder) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
