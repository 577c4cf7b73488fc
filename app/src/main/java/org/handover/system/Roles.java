package org.handover.system;

import java.util.List;

/** The Camunda groups Handover knows, each a team or role; ids are what Tasklist candidate groups use. */
public enum Roles {
    ADMINISTRATORS("camunda-admin", "Administrators", "admin"),
    CONSULTANTS("consultants", "Consultants (triage)", "consultant"),
    BOOKING_ADMINS("booking-admins", "Booking administrators", "bookingadmin"),
    WARD_ADMINS("ward-admins", "Ward administrators", "wardadmin"),
    DISCHARGE_COORDINATORS("discharge-coordinators", "Discharge coordinators", "dischargecoordinator"),
    SOCIAL_CARE("social-care", "Council social care team", "socialcare"),
    CHC_COORDINATORS("chc-coordinators", "CHC coordinators", "chccoordinator"),
    CHC_PANEL("chc-panel", "ICB CHC panel", "chcpanel"),
    PATIENT_EXPERIENCE("patient-experience", "Patient experience team", "patientexperience"),
    INFORMATION_GOVERNANCE("information-governance", "Information governance", "infogov"),
    COMMUNICATIONS_ADMINS("communications-admins", "Communications administrators", "commsadmin"),
    INTEGRATION("integration", "Integration systems", "integration"),
    /** Prometheus: may read /actuator/prometheus and nothing else. */
    MONITORING("monitoring", "Monitoring (Prometheus)", "monitoring");

    private final String groupId;
    private final String displayName;
    private final String demoUser;

    Roles(String groupId, String displayName, String demoUser) {
        this.groupId = groupId;
        this.displayName = displayName;
        this.demoUser = demoUser;
    }

    public String groupId() {
        return groupId;
    }

    public String displayName() {
        return displayName;
    }

    /** The sandbox user holding only this role; its password is its name. */
    public String demoUser() {
        return demoUser;
    }

    /** Spring Security authority for a Camunda group, as used in hasRole(...). */
    public String role() {
        return groupId.toUpperCase().replace('-', '_');
    }

    public static List<Roles> staffTeams() {
        return List.of(values()).stream()
                .filter(r -> r != ADMINISTRATORS && r != INTEGRATION && r != MONITORING).toList();
    }
}
