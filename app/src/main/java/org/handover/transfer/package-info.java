/**
 * Transfer of care to the GP: on {@code PatientDischarged} the discharging team completes the discharge summary (or it
 * arrives complete from upstream), Handover builds the ITK3 eDischarge message (FHIR STU3), validates it, sends it
 * over MESH to the practice's mailbox, and correlates the GP's acknowledgements and MESH error reports back to the
 * process; the 24-hour standard is measured from discharge to the GP's acknowledgement.
 */
package org.handover.transfer;
