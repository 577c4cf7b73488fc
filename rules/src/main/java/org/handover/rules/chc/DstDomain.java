package org.handover.rules.chc;

import static org.handover.rules.chc.DstLevel.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The twelve care domains of the NHS Continuing Healthcare Decision Support Tool with the levels each allows, as in
 * the national DST (National Framework 2022): severe exists only in breathing, nutrition, skin integrity, mobility,
 * cognition, behaviour, drug therapies and medication and other significant care needs; priority only in breathing,
 * behaviour, drug therapies and medication and altered states of consciousness, which goes no needs, low, high,
 * priority (no moderate, no severe).
 */
public enum DstDomain {
    BREATHING("Breathing", NONE, LOW, MODERATE, HIGH, SEVERE, PRIORITY),
    NUTRITION("Nutrition", NONE, LOW, MODERATE, HIGH, SEVERE),
    CONTINENCE("Continence", NONE, LOW, MODERATE, HIGH),
    SKIN_INTEGRITY("Skin integrity", NONE, LOW, MODERATE, HIGH, SEVERE),
    MOBILITY("Mobility", NONE, LOW, MODERATE, HIGH, SEVERE),
    COMMUNICATION("Communication", NONE, LOW, MODERATE, HIGH),
    PSYCHOLOGICAL_AND_EMOTIONAL("Psychological and emotional needs", NONE, LOW, MODERATE, HIGH),
    COGNITION("Cognition", NONE, LOW, MODERATE, HIGH, SEVERE),
    BEHAVIOUR("Behaviour", NONE, LOW, MODERATE, HIGH, SEVERE, PRIORITY),
    DRUG_THERAPIES_AND_MEDICATION("Drug therapies and medication", NONE, LOW, MODERATE, HIGH, SEVERE, PRIORITY),
    ALTERED_STATES_OF_CONSCIOUSNESS("Altered states of consciousness", NONE, LOW, HIGH, PRIORITY),
    OTHER_SIGNIFICANT_CARE_NEEDS("Other significant care needs", NONE, LOW, MODERATE, HIGH, SEVERE);

    private final String title;
    private final Set<DstLevel> allowed;

    DstDomain(String title, DstLevel first, DstLevel... rest) {
        this.title = title;
        this.allowed = EnumSet.of(first, rest);
    }

    public String title() {
        return title;
    }

    public Set<DstLevel> allowedLevels() {
        return EnumSet.copyOf(allowed);
    }

    public boolean allows(DstLevel level) {
        return allowed.contains(level);
    }
}
