package org.handover.rules.fft;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes personal identifiers out of a patient's free-text comment before it is stored: email addresses, UK phone
 * numbers (+44 or 0 followed by 9 or 10 digits, however spaced) and NHS numbers (any 10 digits in a row or spaced
 * 3-3-4, whether or not the check digit is right: a mistyped NHS number is still one).
 */
public final class Redaction {

    public static final String EMAIL = "[email removed]";
    public static final String PHONE = "[phone number removed]";
    public static final String NHS_NUMBER = "[NHS number removed]";

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[\\w.%+-]+@[\\w-]+(\\.[\\w-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE_CANDIDATE = Pattern.compile("(?<![\\w+(])\\(?(\\+44|0044|0)[\\s()-]*\\d[\\d\\s()-]{7,14}\\d(?!\\d)");
    private static final Pattern TEN_DIGITS = Pattern.compile("(?<!\\d)\\d{3}[\\s-]?\\d{3}[\\s-]?\\d{4}(?!\\d)");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = EMAIL_ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
        result = replacePhones(result);
        return TEN_DIGITS.matcher(result).replaceAll(Matcher.quoteReplacement(NHS_NUMBER));
    }

    private static String replacePhones(String text) {
        Matcher m = PHONE_CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "");
            String national = digits.startsWith("0044") ? digits.substring(4)
                    : digits.startsWith("44") && m.group().startsWith("+") ? digits.substring(2)
                    : digits.startsWith("0") ? digits.substring(1) : digits;
            boolean phone = national.length() >= 9 && national.length() <= 10;
            m.appendReplacement(out, Matcher.quoteReplacement(phone ? PHONE : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
