package org.handover.fhir;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildContainedResources;
import ca.uhn.fhir.context.RuntimeChildDirectResource;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Finds where in a FHIR document a parser complaint belongs, as a FHIRPath ({@code ServiceRequest.identifier[0].foo}):
 * HAPI's error handler names the element but not its position. Walks the JSON or XML tree along HAPI's model
 * definitions. Used only on the error path, so it may be slow.
 */
final class FhirPaths {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirContext context;
    private final FhirFormat format;
    private final String body;
    private Object root;

    FhirPaths(FhirContext context, FhirFormat format, String body) {
        this.context = context;
        this.format = format;
        this.body = body;
    }

    /** A structural finding: an element the model does not have, or a list where one value belongs (or the reverse). */
    record Finding(String path, String problem) {
    }

    /** Unknown elements and wrong JSON shapes, with their paths; empty if the document cannot be read at all. */
    List<Finding> structuralFindings() {
        List<Finding> findings = new ArrayList<>();
        Object tree = root();
        if (tree instanceof JsonNode json && json.isObject()) {
            String type = json.path("resourceType").asText("");
            BaseRuntimeElementCompositeDefinition<?> definition = resource(type);
            if (definition != null) {
                walkJson(json, definition, type, findings);
            }
        } else if (tree instanceof Element xml) {
            BaseRuntimeElementCompositeDefinition<?> definition = resource(xml.getLocalName());
            if (definition != null) {
                walkXml(xml, definition, xml.getLocalName(), findings);
            }
        }
        return findings;
    }

    /** Paths of every element called {@code name} whose (primitive) value is {@code value}. */
    List<String> pathsOf(String name, String value) {
        List<String> paths = new ArrayList<>();
        Object tree = root();
        if (tree instanceof JsonNode json && json.isObject()) {
            findJson(json, json.path("resourceType").asText("Resource"), name, value, paths);
        } else if (tree instanceof Element xml) {
            findXml(xml, xml.getLocalName(), name, value, paths);
        }
        return paths;
    }

    private Object root() {
        if (root == null) {
            try {
                root = format == FhirFormat.JSON ? JSON.readTree(body) : xmlRoot(body);
            } catch (Exception unreadable) {
                root = "unreadable";
            }
        }
        return root;
    }

    private static Element xmlRoot(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(body))).getDocumentElement();
    }

    private BaseRuntimeElementCompositeDefinition<?> resource(String type) {
        try {
            return type == null || type.isEmpty() ? null : context.getResourceDefinition(type);
        } catch (DataFormatException unknownType) {
            return null;
        }
    }

    private void walkJson(JsonNode object, BaseRuntimeElementCompositeDefinition<?> definition, String path,
            List<Finding> findings) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("resourceType") || name.equals("fhir_comments")) {
                continue;
            }
            boolean primitiveExtras = name.startsWith("_");
            String elementName = primitiveExtras ? name.substring(1) : name;
            BaseRuntimeChildDefinition child = definition.getChildByName(elementName);
            if (child == null) {
                findings.add(new Finding(path + "." + name, "Unknown element '" + name + "'"));
                continue;
            }
            if (primitiveExtras) {
                continue;
            }
            JsonNode value = field.getValue();
            boolean repeats = child.getMax() != 1;
            if (repeats && !value.isArray()) {
                findings.add(new Finding(path + "." + name, "Element '" + name + "' repeats: it must be a JSON array"));
            } else if (!repeats && value.isArray()) {
                findings.add(new Finding(path + "." + name, "Element '" + name + "' occurs at most once: it must not be a JSON array"));
                continue;
            }
            List<JsonNode> values = new ArrayList<>();
            value.forEach(values::add);
            if (!value.isArray()) {
                values = List.of(value);
            }
            for (int i = 0; i < values.size(); i++) {
                String itemPath = path + "." + name + (value.isArray() ? "[" + i + "]" : "");
                JsonNode item = values.get(i);
                if (!item.isObject()) {
                    continue;
                }
                if (child instanceof RuntimeChildContainedResources || child instanceof RuntimeChildDirectResource) {
                    String type = item.path("resourceType").asText("");
                    BaseRuntimeElementCompositeDefinition<?> resource = resource(type);
                    if (resource == null) {
                        findings.add(new Finding(itemPath, "Unknown resource type '" + type + "'"));
                    } else {
                        walkJson(item, resource, itemPath, findings);
                    }
                } else if (elementDefinition(child, elementName) instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                    walkJson(item, composite, itemPath, findings);
                }
            }
        }
    }

    private void walkXml(Element element, BaseRuntimeElementCompositeDefinition<?> definition, String path,
            List<Finding> findings) {
        Map<String, Integer> seen = new HashMap<>();
        for (Element item : children(element)) {
            String name = item.getLocalName();
            BaseRuntimeChildDefinition child = definition.getChildByName(name);
            if (child == null) {
                findings.add(new Finding(path + "." + name, "Unknown element '" + name + "'"));
                continue;
            }
            int index = seen.merge(name, 1, Integer::sum) - 1;
            if (child.getMax() == 1 && index == 1) {
                findings.add(new Finding(path + "." + name, "Element '" + name + "' occurs at most once"));
            }
            String itemPath = path + "." + name + (child.getMax() != 1 ? "[" + index + "]" : "");
            if (child instanceof RuntimeChildContainedResources || child instanceof RuntimeChildDirectResource) {
                for (Element resourceElement : children(item)) {
                    BaseRuntimeElementCompositeDefinition<?> resource = resource(resourceElement.getLocalName());
                    if (resource == null) {
                        findings.add(new Finding(itemPath, "Unknown resource type '" + resourceElement.getLocalName() + "'"));
                    } else {
                        walkXml(resourceElement, resource, itemPath, findings);
                    }
                }
            } else if (elementDefinition(child, name) instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                walkXml(item, composite, itemPath, findings);
            }
        }
    }

    private BaseRuntimeElementDefinition<?> elementDefinition(BaseRuntimeChildDefinition child, String name) {
        if (name.equals("extension") || name.equals("modifierExtension")) {
            return context.getElementDefinition("Extension");
        }
        return child.getChildByName(name);
    }

    private static void findJson(JsonNode node, String path, String name, String value, List<String> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                JsonNode child = field.getValue();
                String childPath = path + "." + field.getKey();
                if (field.getKey().equals(name) && child.isValueNode() && child.asText().equals(value)) {
                    paths.add(childPath);
                }
                findJson(child, childPath, name, value, paths);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isValueNode() && path.endsWith("." + name) && item.asText().equals(value)) {
                    paths.add(path + "[" + i + "]");
                }
                findJson(item, path + "[" + i + "]", name, value, paths);
            }
        }
    }

    private static void findXml(Element element, String path, String name, String value, List<String> paths) {
        Map<String, Integer> seen = new HashMap<>();
        boolean wrapper = element.getLocalName().equals("contained") || element.getLocalName().equals("resource");
        for (Element child : children(element)) {
            if (wrapper && Character.isUpperCase(child.getLocalName().charAt(0))) {
                findXml(child, path, name, value, paths); // <contained><Patient>: the resource sits at the wrapper's path
                continue;
            }
            int index = seen.merge(child.getLocalName(), 1, Integer::sum) - 1;
            String childPath = path + "." + child.getLocalName() + (index > 0 ? "[" + index + "]" : "");
            if (child.getLocalName().equals(name) && value.equals(child.getAttribute("value"))) {
                paths.add(childPath);
            }
            findXml(child, childPath, name, value, paths);
        }
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && !"http://www.w3.org/1999/xhtml".equals(child.getNamespaceURI())) {
                children.add(child);
            }
        }
        return children;
    }
}
