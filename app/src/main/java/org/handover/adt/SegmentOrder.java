package org.handover.adt;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.handover.adt.RefusedEvent.ErrorCode;

/**
 * Refuses an ADT message whose segments are not where its HL7 v2.5 message structure (ADT_A01, ADT_A03, ADT_A09)
 * puts them. HAPI's lenient parser keeps such a segment as a "non-standard" one instead of failing, and Handover
 * reads segments by name, so without this check a PAS that sends PV1 before PID would be answered AA.
 * Z-segments are local extensions and are let through wherever they come.
 */
final class SegmentOrder {

    private SegmentOrder() {
    }

    static void check(Message message, List<String> sent) throws HL7Exception {
        Set<String> misplaced = new LinkedHashSet<>();
        collectMisplaced(message, misplaced);
        if (misplaced.isEmpty()) {
            return;
        }
        String structure = message.getName();
        Map<String, Integer> positions = positions(message);
        for (String name : sent) {
            if (misplaced.contains(name) && !positions.containsKey(name)) {
                throw refused(name, "segment " + name + " is not part of " + structure + " (HL7 v2.5); leave it out "
                        + "or send it as a Z-segment");
            }
        }
        // first occurrences only: a repeated segment is told apart below, not as out of order
        List<String> known = distinct(sent.stream().filter(positions::containsKey).toList());
        List<String> expected = known.stream().sorted((a, b) -> positions.get(a) - positions.get(b)).toList();
        for (int i = 0; i < known.size(); i++) {
            String name = known.get(i);
            if (!name.equals(expected.get(i))) {
                List<String> before = known.subList(i + 1, known.size()).stream()
                        .filter(later -> positions.get(later) < positions.get(name)).toList();
                throw refused(name, "segment " + name + " is out of order: " + String.join(", ", before)
                        + " must come before it in " + structure + "; send " + String.join(", ", expected)
                        + " in that order");
            }
        }
        String repeated = misplaced.iterator().next();
        throw refused(repeated, "segment " + repeated + " is sent more than once or where " + structure
                + " does not take it; " + structure + " takes one " + repeated + " there");
    }

    private static RefusedEvent refused(String segment, String reason) {
        return RefusedEvent.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, segment, reason);
    }

    /** Standard (not Z) segments the parser could only keep as non-standard: out of order, repeated, or foreign. */
    private static void collectMisplaced(Group group, Set<String> misplaced) throws HL7Exception {
        Set<String> nonStandard = group instanceof AbstractGroup abstractGroup ? abstractGroup.getNonStandardNames()
                : Set.of();
        for (String child : group.getNames()) {
            for (Structure structure : group.getAll(child)) {
                if (structure instanceof Group nested) {
                    collectMisplaced(nested, misplaced);
                } else if (nonStandard.contains(child) && !structure.getName().startsWith("Z") && !structure.isEmpty()) {
                    misplaced.add(structure.getName());
                }
            }
        }
    }

    /**
     * Each segment's place in the structure, groups flattened; a segment the structure has in several places (ROL)
     * is left out, as no one place is right for it.
     */
    private static Map<String, Integer> positions(Message message) throws HL7Exception {
        List<String> order = new ArrayList<>();
        flatten(blank(message), order);
        Map<String, Integer> positions = new LinkedHashMap<>();
        Set<String> ambiguous = new LinkedHashSet<>();
        for (int i = 0; i < order.size(); i++) {
            if (positions.putIfAbsent(order.get(i), i) != null) {
                ambiguous.add(order.get(i));
            }
        }
        positions.keySet().removeAll(ambiguous);
        return positions;
    }

    private static void flatten(Group group, List<String> order) throws HL7Exception {
        for (String child : group.getNames()) {
            if (group.isGroup(child)) {
                flatten((Group) group.get(child), order);
            } else {
                order.add(child.substring(0, 3));
            }
        }
    }

    /** A fresh empty message of the same structure, so that listing its groups does not add to the one received. */
    private static Group blank(Message message) throws HL7Exception {
        try {
            return message.getClass().getConstructor(ModelClassFactory.class)
                    .newInstance(((AbstractGroup) message).getModelClassFactory());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new HL7Exception("cannot list the segments of " + message.getName() + ": " + e);
        }
    }

    private static List<String> distinct(List<String> names) {
        return List.copyOf(new LinkedHashSet<>(names));
    }
}
