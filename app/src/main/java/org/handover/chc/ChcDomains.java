package org.handover.chc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.handover.processes.chc.ChcProcess.Variables;
import org.handover.rules.chc.ChecklistDomain;
import org.handover.rules.chc.ChecklistLevel;
import org.handover.rules.chc.ChecklistRating;
import org.handover.rules.chc.DstDomain;
import org.handover.rules.chc.DstLevel;
import org.handover.rules.chc.DstRating;

/** Between the forms' variables (one per domain, e.g. checklistSkinIntegrity) and the rules' facts. */
final class ChcDomains {

    private ChcDomains() {
    }

    /** SKIN_INTEGRITY as "SkinIntegrity", the form's spelling. */
    static String key(Enum<?> domain) {
        StringBuilder out = new StringBuilder();
        for (String word : domain.name().split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    static List<ChecklistRating> checklist(VariableScope variables) {
        List<ChecklistRating> ratings = new ArrayList<>();
        for (ChecklistDomain domain : ChecklistDomain.values()) {
            String level = text(variables.getVariable(Variables.checklistLevel(key(domain))));
            if (level == null) {
                throw new IllegalArgumentException("The Checklist has no rating for " + domain.title());
            }
            ratings.add(new ChecklistRating(domain, ChecklistLevel.valueOf(level.toUpperCase(Locale.ROOT)),
                    text(variables.getVariable(Variables.checklistEvidence(key(domain))))));
        }
        return ratings;
    }

    /** @throws org.handover.rules.chc.IllegalDstLevelException for a level the domain does not have */
    static List<DstRating> dst(VariableScope variables) {
        List<DstRating> ratings = new ArrayList<>();
        for (DstDomain domain : DstDomain.values()) {
            String level = text(variables.getVariable(Variables.dstLevel(key(domain))));
            if (level == null) {
                throw new IllegalArgumentException("The DST has no level for " + domain.title());
            }
            ratings.add(new DstRating(domain, DstLevel.valueOf(level.toUpperCase(Locale.ROOT)),
                    text(variables.getVariable(Variables.dstEvidence(key(domain))))));
        }
        return ratings;
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }
}
