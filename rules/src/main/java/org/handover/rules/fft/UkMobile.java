package org.handover.rules.fft;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * UK mobile numbers as Ofcom allocates them: 071-075, 077-079 and the Isle of Man's 07624. Not 070 (personal
 * numbering) or 076 (pagers): a text to those would not reach a phone the patient carries.
 */
public final class UkMobile {

    private static final Pattern E164_MOBILE = Pattern.compile("\\+44(7[1-57-9]\\d{8}|7624\\d{6})");

    private UkMobile() {
    }

    /** E.164 (+447...) for a UK mobile written as +44 7..., 0044 7... or 07..., spaces, dashes and brackets allowed. */
    public static Optional<String> normalise(String number) {
        if (number == null) {
            return Optional.empty();
        }
        String digits = number.replaceAll("[\\s().-]", "");
        if (digits.startsWith("0044")) {
            digits = "+44" + digits.substring(4);
        } else if (digits.startsWith("07")) {
            digits = "+44" + digits.substring(1);
        } else if (digits.startsWith("447")) {
            digits = "+" + digits;
        }
        return E164_MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    public static boolean isValid(String number) {
        return normalise(number).isPresent();
    }
}
