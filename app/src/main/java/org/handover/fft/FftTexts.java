package org.handover.fft;

import org.handover.encounter.EncounterSetting;
import org.springframework.stereotype.Component;

/**
 * What the patient reads. Every text keeps to the GSM 03.38 alphabet (plain apostrophes, no emoji), so it goes as
 * GSM-7 and costs the fewest segments; the SMS route falls back to UCS-2 by itself if a trust's name needs it.
 */
@Component
class FftTexts {

    static final String ANSWERS = "1 Very good, 2 Good, 3 Neither good nor poor, 4 Poor, 5 Very poor, 6 Don't know";

    private final String trust;

    FftTexts(FftProperties properties) {
        this.trust = properties.trustName();
    }

    String question(String setting) {
        return trust + ": thinking about your recent " + visit(setting)
                + ", overall, how was your experience of our service? Reply with a number: " + ANSWERS
                + ". Replies are free. Reply STOP to opt out.";
    }

    String followUp() {
        return "Thank you. Please tell us why you gave that answer (please do not include personal details). "
                + "Reply STOP to opt out.";
    }

    String clarification() {
        return "Sorry, we could not understand your reply. Please reply with one number: " + ANSWERS + ".";
    }

    String optedOut() {
        return "You will not get any more feedback texts from " + trust + ". Reply START to get them again.";
    }

    String optedIn() {
        return "Thank you, you will get feedback texts from " + trust + " again. Reply STOP to opt out.";
    }

    String unknownSender() {
        return "Thank you for your message. This number is only used by " + trust + " to ask for feedback and is not "
                + "monitored. For medical help call 111, or 999 in an emergency.";
    }

    private static String visit(String setting) {
        EncounterSetting known;
        try {
            known = EncounterSetting.valueOf(setting);
        } catch (IllegalArgumentException | NullPointerException e) {
            return "visit";
        }
        return switch (known) {
            case INPATIENT -> "stay in hospital";
            case DAY_CASE -> "day case visit";
            case MATERNITY -> "maternity care";
            case EMERGENCY_DEPARTMENT -> "visit to A&E";
            case OUTPATIENT -> "outpatient appointment";
        };
    }
}
