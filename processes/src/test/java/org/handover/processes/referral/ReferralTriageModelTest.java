package org.handover.processes.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The BPMN file against its contract and house style, and its diagram against overlaps, without an engine. */
class ReferralTriageModelTest {

    private static BpmnModelInstance model;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = ReferralTriageModelTest.class.getClassLoader().getResourceAsStream(ReferralProcess.RESOURCE)) {
            model = Bpmn.readModelFromStream(in);
        }
        Bpmn.validateModel(model);
    }

    @Test
    void everyContractElementIsInTheModel() throws Exception {
        for (String id : constants(ReferralProcess.Elements.class)) {
            assertThat(model.<BaseElement>getModelElementById(id)).as(id).isNotNull();
        }
        Process process = model.getModelElementById(ReferralProcess.KEY);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P3650D");
    }

    @Test
    void serviceTasksUseExactlyTheContractsDelegates() throws Exception {
        List<String> used = model.getModelElementsByType(ServiceTask.class).stream()
                .map(ServiceTask::getCamundaDelegateExpression).toList();
        List<String> expected = constants(ReferralProcess.Delegates.class).stream().map(name -> "${" + name + "}").toList();
        assertThat(used).containsExactlyInAnyOrderElementsOf(expected);
        model.getModelElementsByType(ServiceTask.class).forEach(task -> {
            assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " async").isFalse();
            assertThat(task.getDocumentations()).as(task.getId() + " documentation").isNotEmpty();
        });
    }

    @Test
    void userTasksHaveAGroupAFormAPriorityAndDocumentation() {
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
            assertThat(task.getCamundaFormRef()).as(task.getId()).isIn(
                    ReferralProcess.Forms.TRIAGE, ReferralProcess.Forms.BOOK, ReferralProcess.Forms.ESCALATE);
            assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
            assertThat(task.getCamundaPriority()).as(task.getId()).contains("priority");
            assertThat(task.getDocumentations()).as(task.getId()).isNotEmpty();
            assertThat(task.getName()).as(task.getId()).isNotBlank();
        }
    }

    @Test
    void timersDoNotInterruptTheTaskTheyWatch() {
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            assertThat(event.cancelActivity()).as(event.getId()).isFalse();
        }
    }

    @Test
    void idsAreReadableAndTypePrefixed() {
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getId()).matches("(StartEvent|EndEvent|ServiceTask|UserTask|ReceiveTask|BoundaryEvent|Gateway|SubProcess)_[A-Z][A-Za-z]+");
            assertThat(node.getName()).as(node.getId()).isNotBlank();
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(flow.getId()).matches("Flow_[A-Z][A-Za-z]+");
        }
    }

    @Test
    void everyNodeAndFlowIsDrawn() {
        List<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
                .map(shape -> shape.getBpmnElement().getId()).toList();
        List<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(nodes);

        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            assertThat(edge.getWaypoints()).as(edge.getId()).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(model.getModelElementsByType(BpmnEdge.class).stream().map(edge -> edge.getBpmnElement().getId()))
                .containsExactlyInAnyOrderElementsOf(model.getModelElementsByType(SequenceFlow.class).stream()
                        .map(SequenceFlow::getId).toList());
    }

    @Test
    void shapesDoNotOverlapAndChildrenStayInsideTheirSubProcess() {
        List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                BpmnShape a = shapes.get(i);
                BpmnShape b = shapes.get(j);
                if (nested(a, b) || nested(b, a) || attached(a, b) || attached(b, a)) {
                    continue;
                }
                if (intersect(a.getBounds(), b.getBounds())) {
                    overlaps.add(a.getBpmnElement().getId() + " / " + b.getBpmnElement().getId());
                }
            }
            BpmnShape shape = shapes.get(i);
            if (shape.getBpmnElement() instanceof FlowNode node && node.getParentElement() instanceof SubProcess sub) {
                Bounds inner = shape.getBounds();
                Bounds outer = shape(sub).getBounds();
                assertThat(inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
                        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
                        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight())
                        .as(node.getId() + " inside " + sub.getId()).isTrue();
            }
        }
        // Labels must not cover another shape either
        for (BpmnShape a : shapes) {
            if (a.getBpmnLabel() == null) {
                continue;
            }
            for (BpmnShape b : shapes) {
                if (a != b && !(b.getBpmnElement() instanceof SubProcess) && intersect(a.getBpmnLabel().getBounds(), b.getBounds())) {
                    overlaps.add("label of " + a.getBpmnElement().getId() + " / " + b.getBpmnElement().getId());
                }
            }
        }
        assertThat(overlaps).isEmpty();
    }

    @Test
    void boundaryEventsSitOnTheEdgeOfTheirTask() {
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            Bounds own = shape(event).getBounds();
            Bounds host = shape(event.getAttachedTo()).getBounds();
            double centreY = own.getY() + own.getHeight() / 2;
            assertThat(centreY).as(event.getId()).isEqualTo(host.getY() + host.getHeight());
            assertThat(own.getX()).isBetween(host.getX(), host.getX() + host.getWidth());
        }
    }

    private static boolean nested(BpmnShape inner, BpmnShape outer) {
        if (!(outer.getBpmnElement() instanceof SubProcess sub)) {
            return false;
        }
        return inner.getBpmnElement().getParentElement() == sub;
    }

    private static boolean attached(BpmnShape event, BpmnShape task) {
        return event.getBpmnElement() instanceof BoundaryEvent boundary && boundary.getAttachedTo() == task.getBpmnElement();
    }

    private static boolean intersect(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    private static BpmnShape shape(BaseElement element) {
        return model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> shape.getBpmnElement() == element).findFirst().orElseThrow();
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
