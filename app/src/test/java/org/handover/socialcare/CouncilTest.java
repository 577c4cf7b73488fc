package org.handover.socialcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.handover.rules.discharge.CouncilArea;
import org.junit.jupiter.api.Test;

/** A council's settings are checked when they are made, so a bad admin change is refused with a precise message. */
class CouncilTest {

    @Test
    void theSandboxCouncilsAreValidAndCoverTheirPostcodes() {
        List<Council> councils = DefaultCouncils.councils();
        assertThat(councils).extracting(Council::code).containsExactly("LA-STOCKPORT", "LA-WORCESTERSHIRE", "LA-LEEDS");
        assertThat(councils).extracting(Council::socialCareGroup)
                .containsExactly("social-care-la-stockport", "social-care-la-worcestershire", "social-care-la-leeds");
        assertThat(DefaultCouncils.postcodeAreas()).extracting(CouncilArea::prefix).containsExactly("SK", "WR", "DY", "LS");
        assertThat(councils.get(0).allows(NoticeField.MOBILE)).isFalse();
        assertThat(councils.get(0).deadline().hours()).isEqualTo(48);
        assertThat(councils.get(0).deadline().weekendHours()).isEqualTo(72);
    }

    @Test
    void refusesWhatCannotBeDelivered() {
        assertThatIllegalArgumentException().isThrownBy(() -> smtp("la leeds", "a@b.example", 48, 72))
                .withMessageContaining("council code");
        assertThatIllegalArgumentException().isThrownBy(() -> smtp("LA-LEEDS", "not-an-address", 48, 72))
                .withMessageContaining("not an email address");
        assertThatIllegalArgumentException().isThrownBy(() -> smtp("LA-LEEDS", "a@b.example", 72, 48))
                .withMessageContaining("weekend hours");
        assertThatIllegalArgumentException().isThrownBy(() -> new Council("LA-WIGAN", "Wigan", CouncilChannel.MESH,
                "wigan mailbox", "WF", 48, 72, List.of())).withMessageContaining("not a MESH mailbox id");
        assertThatIllegalArgumentException().isThrownBy(() -> new Council("LA-WIGAN", "Wigan", CouncilChannel.MESH,
                "X26OT001", " ", 48, 72, List.of())).withMessageContaining("meshWorkflowId");
        assertThatNullPointerException().isThrownBy(() -> new Council("LA-WIGAN", "Wigan", null, "a@b.example", null,
                48, 72, List.of())).withMessageContaining("SMTP or MESH");
    }

    private static Council smtp(String code, String address, int hours, int weekendHours) {
        return new Council(code, "A council", CouncilChannel.SMTP, address, null, hours, weekendHours, List.of());
    }
}
