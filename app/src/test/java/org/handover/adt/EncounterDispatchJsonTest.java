package org.handover.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.handover.encounter.DischargeCancelled;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.EncounterEnded;
import org.handover.encounter.EncounterSetting;
import org.handover.encounter.Mobility;
import org.handover.encounter.PatientDischarged;
import org.junit.jupiter.api.Test;

/** The contract events survive the trip through encounter_dispatch unchanged, unknowns included. */
class EncounterDispatchJsonTest {

    @Test
    void contractEventsComeBackAsTheyWereStored() {
        PatientDischarged discharged = new PatientDischarged("EP-1", "9990000018", "Ada", "Lovelace",
                LocalDate.of(1941, 3, 2), "1 High Street, Stockport", "SK7 1AB", "+447700900123", "A81001", "RX1",
                "Ward 7", "430", Instant.parse("2026-11-28T10:30:00Z"), Instant.parse("2026-12-03T10:45:00Z"),
                EncounterSetting.DAY_CASE, null, true,
                new DischargeFacts(true, null, false, Mobility.WITH_AID, null, null, true), false);
        EncounterEnded ended = new EncounterEnded("EP-1", "9990000018", "Ada", "Lovelace", LocalDate.of(1941, 3, 2),
                null, "SK7 1AB", "A81001", EncounterSetting.DAY_CASE, "RX1", "Ward 7", "430",
                Instant.parse("2026-12-03T10:45:00Z"), false, List.of("22298006"));
        DischargeCancelled cancelled = new DischargeCancelled("EP-1", "9990000018", Instant.parse("2026-12-03T11:00:00Z"),
                "A13: discharge cancelled");

        List<Object> events = List.of(discharged, ended, cancelled);

        assertThat(EncounterDispatch.read(EncounterDispatch.write(events))).isEqualTo(events);
    }

    @Test
    void onlyContractEventsAreStoredAndAnUnknownTypeIsNotGuessed() {
        assertThatThrownBy(() -> EncounterDispatch.write(List.of("a string"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncounterDispatch.read("[{\"type\":\"Something\",\"event\":{}}]"))
                .hasMessageContaining("unknown contract event type");
    }
}
