package org.handover.rules.chc;

/**
 * How many domains of one Checklist were rated A, B and C, and how many A ratings fell in a priority domain. Public
 * for the classes generated from the DRL.
 */
public record ChecklistCounts(int aCount, int bCount, int cCount, int aInPriorityDomains) {
}
