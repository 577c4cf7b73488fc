package org.handover.adt;

/** A hospital episode as stored: the patient and the stay as the events so far have described them. */
record Episode(String episodeId, Status status, Patient patient, Stay stay) {

    enum Status {
        ADMITTED, DISCHARGED, CANCELLED
    }

    Episode with(Status newStatus, Patient newPatient, Stay newStay) {
        return new Episode(episodeId, newStatus, newPatient, newStay);
    }
}
