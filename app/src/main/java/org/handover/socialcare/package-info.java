/**
 * Social care on discharge (Discharge to Assess): on {@code PatientDischarged} the rules propose a pathway and the
 * council, a discharge coordinator confirms it, and for pathways 1-3 the council's social care team is notified over
 * its channel with only the fields its sharing agreement allows, and acknowledges in Tasklist.
 */
package org.handover.socialcare;
