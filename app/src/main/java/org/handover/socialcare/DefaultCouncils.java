package org.handover.socialcare;

import java.util.List;
import org.handover.rules.discharge.CouncilArea;

/**
 * The councils seeded on first start: the sandbox councils of {@code SyntheticData.COUNCILS} with invented addresses
 * under {@code .invalid}. Administrators replace them with real ones through the admin API.
 */
final class DefaultCouncils {

    private DefaultCouncils() {
    }

    static List<Council> councils() {
        return List.of(
                new Council("LA-STOCKPORT", "Stockport Council", CouncilChannel.SMTP,
                        "hospital.discharges@stockport.gov.uk.invalid", null, 48, 72,
                        List.of(NoticeField.BIRTH_DATE, NoticeField.ADDRESS, NoticeField.POSTCODE,
                                NoticeField.GP_PRACTICE, NoticeField.WARD, NoticeField.DISCHARGE_DATE,
                                NoticeField.SUPPORT_NEEDS, NoticeField.CARER_INVOLVEMENT)),
                new Council("LA-WORCESTERSHIRE", "Worcestershire County Council", CouncilChannel.SMTP,
                        "discharge.hub@worcestershire.gov.uk.invalid", null, 48, 72,
                        List.of(NoticeField.BIRTH_DATE, NoticeField.ADDRESS, NoticeField.POSTCODE,
                                NoticeField.MOBILE, NoticeField.GP_PRACTICE, NoticeField.WARD,
                                NoticeField.SPECIALTY, NoticeField.ADMISSION_DATE, NoticeField.DISCHARGE_DATE,
                                NoticeField.SUPPORT_NEEDS, NoticeField.CARER_INVOLVEMENT)),
                new Council("LA-LEEDS", "Leeds City Council", CouncilChannel.SMTP,
                        "transfer.of.care@leeds.gov.uk.invalid", null, 48, 72,
                        List.of(NoticeField.BIRTH_DATE, NoticeField.POSTCODE, NoticeField.DISCHARGE_DATE,
                                NoticeField.SUPPORT_NEEDS)));
    }

    static List<CouncilArea> postcodeAreas() {
        return List.of(new CouncilArea("SK", "LA-STOCKPORT"), new CouncilArea("WR", "LA-WORCESTERSHIRE"),
                new CouncilArea("DY", "LA-WORCESTERSHIRE"), new CouncilArea("LS", "LA-LEEDS"));
    }
}
