package org.handover.rules.chc;

/** Checklist ratings: A the highest need, C the lowest (no or low needs). */
public enum ChecklistLevel {
    A, B, C
}
