package org.handover.chc;

import java.time.Instant;
import java.time.LocalDate;

/** A stored CHC case: who, where it came from, and where the Checklist, DST and decision have got to. */
record ChcCase(
        String id,
        String source,
        String sourceRef,
        String pathway,
        String status,
        String nhsNumber,
        String patientName,
        LocalDate birthDate,
        String patientEmail,
        String gpPracticeOds,
        String councilCode,
        String ward,
        String referrer,
        String reason,
        String advocateName,
        String advocateRelationship,
        String advocateEmail,
        Boolean checklistPositive,
        String checklistRule,
        String checklistCounts,
        Instant icbReceivedAt,
        Instant decisionDueAt,
        String recommendation,
        String recommendationRule,
        Boolean eligible,
        Boolean recommendationChanged,
        Instant decidedAt,
        Boolean decidedWithinTarget,
        boolean breached,
        String breachReason,
        Instant createdAt,
        Instant updatedAt) {
}
