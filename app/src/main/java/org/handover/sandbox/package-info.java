/**
 * The sandbox's outside world: simulators that speak the real protocols, so that Handover's real Camel routes talk to
 * them exactly as to the real services. Active only in the {@code sandbox} profile with
 * {@code handover.sandbox.enabled=true} ({@link org.handover.sandbox.SandboxOnly}); production never has them.
 * <ul>
 * <li>{@link org.handover.sandbox.MeshController}: a MESH mailbox server (API v1) at {@code /messageexchange}, with
 * NHSMESH token checks, the trust's mailbox and one per sandbox GP practice, Mex-LocalID de-duplication, endpoint
 * lookup and error reports for unknown mailboxes.</li>
 * <li>{@link org.handover.sandbox.CouncilMailServer}: an SMTP server (GreenMail) taking the councils' social care
 * mail.</li>
 * <li>{@link org.handover.sandbox.MessageCentre}: an SMPP v3.4 message centre (jSMPP) keeping what each phone received,
 * sending delivery receipts and the patients' replies typed on the sandbox page.</li>
 * <li>{@link org.handover.sandbox.SandboxApiController} and {@link org.handover.sandbox.SandboxPage}: the JSON API at
 * {@code /sandbox/api} and the page at {@code /sandbox} showing it all, newest first.</li>
 * <li>{@link org.handover.sandbox.Faults}: failures on purpose, to test retries and idempotency.</li>
 * </ul>
 * Everything received is kept in the {@code sandbox_*} tables (Flyway V2), so it survives a restart.
 */
package org.handover.sandbox;
