package org.handover.rules.discharge;

/** Fact: the patient may need NHS Continuing Healthcare; screen with the Checklist. */
public record ContinuingCareFlag(Discharge discharge, String reason) {
}
