/**
 * e-Referral intake over FHIR R4: {@code /fhir/r4/ServiceRequest}.
 *
 * <h2>What a GP system sends (POST, JSON or XML)</h2>
 * A ServiceRequest with {@code status} active and an {@code intent}, and:
 * <ul>
 * <li><b>UBRN</b>: {@code identifier} with system {@code https://fhir.nhs.uk/Id/UBRN}, 12 digits (spaces allowed).</li>
 * <li><b>Patient</b>: {@code subject} referring ({@code #id}) to a contained Patient with the NHS number
 * ({@code identifier} system {@code https://fhir.nhs.uk/Id/nhs-number}), {@code name} and a full {@code birthDate}
 * (routing depends on age); optional {@code address} and {@code telecom} (the mobile: system phone or sms with use
 * mobile, or any UK mobile number; stored in E.164, {@code 07700 900123} becomes {@code +447700900123}). The NHS number
 * may instead (or also, if equal) be on {@code subject.identifier}. A wrong NHS number gets 422.</li>
 * <li><b>Requester</b>: {@code requester} referring to a contained PractitionerRole whose {@code organization} is the
 * GP practice (a contained Organization with, or a reference carrying, an identifier of system
 * {@code https://fhir.nhs.uk/Id/ods-organization-code}) and whose {@code practitioner} is the referring clinician (a
 * contained Practitioner with a name, or a display).</li>
 * <li><b>Specialty / service</b>: the first {@code code.coding} with a code, e.g. {@code DERMATOLOGY} (display, else
 * {@code code.text}, else the code, is shown). {@code category} is not used for the specialty (UK Core puts
 * "Patient referral" there).</li>
 * <li><b>Priority</b>: {@code priority} routine, urgent or asap (asap = two-week wait, urgent suspected cancer); none
 * means routine; stat is refused. Any {@code category} coding with code {@code two-week-wait}, {@code 2WW} or
 * {@code TWO_WEEK_WAIT} (any system) makes it a two-week wait.</li>
 * <li><b>Reason</b>: {@code reasonCode} (text, else a coding's display) and/or {@code reasonReference.display};
 * required.</li>
 * <li><b>Clinical information</b>: {@code note.text} and the display of any {@code supportingInfo} that is not a
 * document; required.</li>
 * <li><b>Attachments</b> (optional): {@code supportingInfo} referring to a contained DocumentReference (each
 * {@code content.attachment}: url, or inline data), to a contained Binary (inline; title from the reference's
 * display), or to a DocumentReference or Binary elsewhere ({@code DocumentReference/123} or a URL, kept as the
 * url). Inline documents stay in the stored resource; the whole request must be under 1,000,000 characters.</li>
 * </ul>
 * Parsing is strict: elements R4 does not define, wrong JSON shapes, invalid codes or dates, {@code #id}
 * references to nothing, and modifier extensions are refused. Every refusal is a 400 (or 422 when only the NHS
 * number is wrong; 413 too large; 415 other media types; 409 a known UBRN for another patient) with an
 * OperationOutcome: one issue per problem, code invalid or required (not-supported, too-costly, duplicate where they fit), {@code expression} the
 * FHIRPath of the element, {@code diagnostics} what to fix plus the quarantine id (also in header
 * {@code X-Handover-Quarantine-Id}) under which the refused body was kept. Answers never carry a full NHS number.
 *
 * <h2>What Handover answers (201/200, GET, search)</h2>
 * The ServiceRequest as last submitted, with {@code id} and {@code meta.versionId} = the version in the ETag
 * {@code W/"n"}, and Handover's current state laid over it:
 * <ul>
 * <li>{@code status}: active (awaiting triage or information, accepted, booked), completed (returned to referrer
 * with advice, closed, advice converted), revoked (rejected, cancelled).</li>
 * <li>extension {@value org.handover.referral.ReferralResources#STATE_EXTENSION}: valueCoding from
 * {@code https://fhir.nhs.uk/CodeSystem/eRS-ReferralState} (AWAITING_TRIAGE, NOT_BOOKED, BOOKED, TRIAGE_RESPONSE,
 * REFERRER_TO_SUBMIT_FURTHER_INFORMATION, ...).</li>
 * <li>extension {@value org.handover.referral.ReferralResources#TRIAGE_EXTENSION} once triaged: {@code outcome}
 * valueCoding from {@value org.handover.referral.ReferralResources#TRIAGE_OUTCOME_SYSTEM} (accept, return, redirect,
 * request-information) and {@code comment} valueString.</li>
 * <li>extension {@value org.handover.referral.ReferralResources#ROUTING_EXTENSION}: why the rules chose the team.</li>
 * <li>{@code priority}: the current one (after rules, which never lower it, and triage); a two-week-wait category
 * coding is dropped if triage lowered the priority.</li>
 * <li>{@code performer}: the triage team, identifier system
 * {@value org.handover.referral.ReferralResources#TRIAGE_TEAM_SYSTEM} (the Camunda candidate group).</li>
 * <li>once booked: a contained Appointment {@code #appointment} (status booked, start, serviceType/description =
 * clinic, participant actor display = location), referenced by extension
 * {@value org.handover.referral.ReferralResources#APPOINTMENT_EXTENSION}.</li>
 * </ul>
 * Search: {@code ?identifier=https://fhir.nhs.uk/Id/UBRN|{ubrn}} and/or
 * {@code ?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|{nhs}} ({@code subject:identifier} too) give a
 * searchset Bundle. Reads are audited with the reason in header {@code X-Handover-Reason} (default "FHIR read").
 * The extension and code system URLs under {@code https://handover.example/fhir/} are Handover's own, collected in
 * {@link org.handover.referral.ReferralResources}.
 *
 * <h2>Resubmission (PUT with If-Match)</h2>
 * Only while the referral is in state REFERRER_TO_SUBMIT_FURTHER_INFORMATION: the referrer PUTs the whole
 * ServiceRequest again (same UBRN and patient) with If-Match {@code W/"n"}; its reason, clinical information and
 * attachments replace the old ones, a higher GP priority raises the priority, the state goes back to
 * AWAITING_TRIAGE and the {@link org.handover.referral.ReferralWorkflow} is told. 428 without If-Match, 412 for a stale
 * one, 409 in any other state.
 */
package org.handover.referral;
