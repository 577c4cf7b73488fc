package org.handover.fft;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.handover.rules.fft.FftPolicy;
import org.handover.rules.fft.SendingHours;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The trust's Friends and Family Test settings ({@code handover.fft.*}); anything left out takes the default named.
 *
 * @param organisationCode   ODS code of the trust, first column of the monthly submission (RX1)
 * @param trustName          how texts sign off ("Handover NHS Trust")
 * @param delay              after the encounter ends (2h)
 * @param sendingStart       first local time a text may go (09:00)
 * @param sendingEnd         no text from this local time (20:00)
 * @param zone               of the sending hours (Europe/London)
 * @param minimumAgeYears    16
 * @param minimumDaysBetween at most one request per patient in this many days (30)
 * @param enabledSettings    EncounterSetting names asked by text (all)
 * @param extraBereavementCodes local codes added to the built-in bereaved-parent codes
 * @param answerWait         for the answer, and again after a clarification (72h)
 * @param commentWait        for the comment after "Please tell us why" (24h)
 * @param unknownSenderQuietPeriod one polite answer per unknown number in this time (24h), so auto-replies cannot loop
 * @param pollInterval       how often due sends, receipts, timeouts and new replies are looked for (1s)
 */
@ConfigurationProperties("handover.fft")
public record FftProperties(
        String organisationCode,
        String trustName,
        Duration delay,
        LocalTime sendingStart,
        LocalTime sendingEnd,
        ZoneId zone,
        Integer minimumAgeYears,
        Integer minimumDaysBetween,
        Set<String> enabledSettings,
        List<String> extraBereavementCodes,
        Duration answerWait,
        Duration commentWait,
        Duration unknownSenderQuietPeriod,
        Duration pollInterval) {

    public FftProperties {
        organisationCode = organisationCode == null || organisationCode.isBlank() ? "RX1" : organisationCode.strip();
        trustName = trustName == null || trustName.isBlank() ? "Handover NHS Trust" : trustName.strip();
        delay = delay == null ? Duration.ofHours(2) : delay;
        sendingStart = sendingStart == null ? LocalTime.of(9, 0) : sendingStart;
        sendingEnd = sendingEnd == null ? LocalTime.of(20, 0) : sendingEnd;
        zone = zone == null ? ZoneId.of("Europe/London") : zone;
        minimumAgeYears = minimumAgeYears == null ? 16 : minimumAgeYears;
        minimumDaysBetween = minimumDaysBetween == null ? 30 : minimumDaysBetween;
        enabledSettings = enabledSettings == null || enabledSettings.isEmpty() ? FftPolicy.defaults().enabledSettings()
                : Set.copyOf(enabledSettings);
        extraBereavementCodes = extraBereavementCodes == null ? List.of() : List.copyOf(extraBereavementCodes);
        answerWait = answerWait == null ? Duration.ofHours(72) : answerWait;
        commentWait = commentWait == null ? Duration.ofHours(24) : commentWait;
        unknownSenderQuietPeriod = unknownSenderQuietPeriod == null ? Duration.ofHours(24) : unknownSenderQuietPeriod;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
    }

    FftPolicy policy() {
        List<String> codes = new ArrayList<>(FftPolicy.DEFAULT_BEREAVEMENT_CODES);
        codes.addAll(extraBereavementCodes);
        return new FftPolicy(minimumAgeYears, minimumDaysBetween, enabledSettings, codes);
    }

    SendingHours sendingHours() {
        return new SendingHours(delay, sendingStart, sendingEnd, zone);
    }
}
