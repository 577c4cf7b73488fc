package org.handover.referral;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;

/**
 * Tells the referring GP practice (a FHIR message over MESH) and the patient (a text, when they gave a mobile) what
 * became of the referral. Written to the outbox in the process step's transaction.
 */
@Component
class ReferralNotifications {

    static final String EVENT_SYSTEM = ReferralResources.HANDOVER_BASE + "CodeSystem/referral-event";
    static final String GP_MESSAGE_TYPE = "ReferralTriageOutcome";
    static final String PATIENT_TEXT_TYPE = "ReferralAppointmentText";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM 'at' h:mma", Locale.UK);

    private final Referrals referrals;
    private final Outbox outbox;
    private final ReferralConfig.ReferralSettings settings;
    private final FhirContext fhir = FhirContext.forR4Cached();
    private final Clock clock;

    ReferralNotifications(Referrals referrals, Outbox outbox, ReferralConfig.ReferralSettings settings, Clock clock) {
        this.referrals = referrals;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param event accepted, returned-with-advice, further-information-requested, booked */
    void tellGp(String ubrn, String event, String subject) {
        ReferralRecord referral = referrals.findByUbrn(ubrn)
                .orElseThrow(() -> new IllegalStateException("No referral with UBRN " + ubrn));
        String mailbox = settings.gpMailboxPattern().replace("{ods}", referral.practiceOds());
        outbox.send(new OutboxEntry(UUID.randomUUID().toString(), Channel.GP, mailbox, GP_MESSAGE_TYPE, ubrn,
                fhir.newJsonParser().encodeResourceToString(message(referral, event)),
                Map.of(OutboundMessage.MESH_WORKFLOW_ID, settings.meshWorkflowId(),
                        OutboundMessage.SUBJECT, subject + " (UBRN " + ubrn + ")")));
    }

    /** The booked appointment, by text, only when the patient gave a mobile number. */
    void tellPatientAboutAppointment(String ubrn) {
        ReferralRecord referral = referrals.findByUbrn(ubrn)
                .orElseThrow(() -> new IllegalStateException("No referral with UBRN " + ubrn));
        if (referral.patientMobile() == null || referral.appointment() == null) {
            return;
        }
        ReferralRecord.Appointment appointment = referral.appointment();
        String text = "Your hospital appointment (" + appointment.clinic() + ") is on "
                + WHEN.format(appointment.start()).replace("AM", "am").replace("PM", "pm")
                + " at " + appointment.location() + ". To change it, call the booking team and quote reference "
                + ubrn + ". Please do not reply to this text.";
        outbox.send(new OutboxEntry(UUID.randomUUID().toString(), Channel.SMS, referral.patientMobile(),
                PATIENT_TEXT_TYPE, ubrn, text, Map.of()));
    }

    private Bundle message(ReferralRecord referral, String event) {
        ServiceRequest current = ReferralResources.toServiceRequest(referral);
        current.setId(referral.id().toString());
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setId(UUID.randomUUID().toString());
        bundle.setTimestamp(Date.from(clock.instant()));
        MessageHeader header = new MessageHeader();
        header.setId(UUID.randomUUID().toString());
        header.setEvent(new Coding(EVENT_SYSTEM, event, eventDisplay(event)));
        header.setSource(new MessageHeader.MessageSourceComponent().setName("Handover").setEndpoint("urn:handover"));
        header.addDestination().setName("GP practice " + referral.practiceOds())
                .setEndpoint("urn:ods:" + referral.practiceOds())
                .setReceiver(new Reference().setIdentifier(new Identifier()
                        .setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue(referral.practiceOds())));
        header.addFocus(new Reference("ServiceRequest/" + referral.id()));
        bundle.addEntry().setFullUrl("urn:uuid:" + header.getId()).setResource(header);
        bundle.addEntry().setFullUrl("urn:uuid:" + referral.id()).setResource(current);
        return bundle;
    }

    private static String eventDisplay(String event) {
        return switch (event) {
            case "accepted" -> "Referral accepted, appointment to be booked";
            case "returned-with-advice" -> "Referral returned to referrer with advice";
            case "further-information-requested" -> "Further information requested from referrer";
            case "booked" -> "First appointment booked";
            default -> event;
        };
    }
}
