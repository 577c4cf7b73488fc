package org.handover.rules.chc;

import static org.handover.rules.chc.DstLevel.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The twelve care domains of the NHS Continuing Healthcare Decision Support Tool with the levels each allows, as in
 * the national DST (National Framework 2022): every domain goes from no needs to high; severe exists only in
 * breathing, nutrition, skin integrity, mobility, cognition, behaviour, drug therapies and medication and other
 * significant care needs; priority only in breathing, behaviour, drug therapies and medication and altered states
 * of consciousness (which has priority but no severe).
 */
public enum DstDomain {
    BREATHING("Breathing", SEVERE, PRIORITY),
    NUTRITION("Nutrition", SEVERE),
    CONTINENCE("Continence"),
    SKIN_INTEGRITY("Skin integrity", SEVERE),
    MOBILITY("Mobility", SEVERE),
    COMMUNICATION("Communication"),
    PSYCHOLOGICAL_AND_EMOTIONAL("Psychological and emotional needs"),
    COGNITION("Cognition", SEVERE),
    BEHAVIOUR("Behaviour", SEVERE, PRIORITY),
    DRUG_THERAPIES_AND_MEDICATION("Drug therapies and medication", SEVERE, PRIORITY),
    ALTERED_STATES_OF_CONSCIOUSNESS("Altered states of consciousness", PRIORITY),
    OTHER_SIGNIFICANT_CARE_NEEDS("Other significant care needs", SEVERE);

    private final String title;
    private final Set<DstLevel> allowed;

    DstDomain(String title, DstLevel... aboveHigh) {
        this.title = title;
        this.allowed = EnumSet.of(NONE, LOW, MODERATE, HIGH);
        this.allowed.addAll(Set.of(aboveHigh));
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
