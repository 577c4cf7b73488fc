package org.handover.rules.fft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands a patient's text reply to the Friends and Family Test the way a person reading it would, erring
 * towards "unclear" (which earns one clarification text) over guessing.
 *
 * <p>In order: STOP and its variants (opt out), START (opt in), a number 1-6 at the start ("2", " 2 ", "2.",
 * "5 - awful", "six"), an answer in words anywhere (the earliest wins, the longest at the same place: "not good"
 * before "good", "neither good nor poor" before "good"), a single number 1-6 elsewhere in a short text ("I'd say 2"),
 * then emoji. A number wins over words because the question lists numbers. "5 stars" is a rating out of 5
 * (5 stars = Very good); a number with a unit ("3 hours") is not an answer. Text the patient adds is kept as their
 * comment: after a leading number, what follows (two words or more); otherwise the whole text when it has three
 * words or more besides the answer.
 */
public final class ReplyParser {

    private static final Set<String> OPT_OUT_WORDS = Set.of("stop", "stopall", "stop all", "unsubscribe",
            "opt out", "optout", "cancel", "quit", "end");
    private static final Set<String> POLITE = Set.of("please", "now", "thanks", "thank", "you", "thankyou", "it",
            "all", "texts", "messages", "texting", "messaging", "me", "sending");
    private static final Pattern OPT_OUT_PHRASE = Pattern.compile(
            "\\b(unsubscribe|stop (texting|messaging|sending|contacting)|opt me out|(dont|do not) (text|message|contact) me)\\b");
    private static final Set<String> OPT_IN = Set.of("start", "unstop", "start please", "please start", "resume");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^[^\\p{L}\\p{N}]*(\\d+)(?![.,]\\d)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])(\\d+)(?![\\d]|[.,]\\d)");
    private static final Pattern STARS = Pattern.compile("^\\s*(stars?|\\*)\\b.*", Pattern.DOTALL);
    private static final Pattern UNIT = Pattern.compile(
            "^\\s*(hours?|hrs?|h|days?|weeks?|months?|mins?|minutes?|am|pm|o ?clock|times|nights?|years?|yrs?|x)\\b.*",
            Pattern.DOTALL);
    private static final Pattern ALTERNATIVE = Pattern.compile("^\\s*(or|to|and|/|-)\\s*\\d.*", Pattern.DOTALL);
    private static final Map<String, Integer> NUMBER_WORDS = Map.of("one", 1, "two", 2, "three", 3, "four", 4,
            "five", 5, "six", 6);

    /** Phrases, tried longest first at each place; keys are in the normalised form (lower case, letters, spaces). */
    private static final Map<String, FftAnswer> PHRASES = new LinkedHashMap<>();

    static {
        for (String p : List.of("very good", "v good", "v gd", "vg", "very very good", "really good", "extremely good",
                "excellent", "excellant", "brilliant", "fantastic", "amazing", "outstanding", "superb", "perfect",
                "wonderful", "great", "first class", "couldnt be better", "could not be better", "exceptional",
                "top notch", "faultless", "marvellous", "the best", "very happy")) {
            PHRASES.put(p, FftAnswer.VERY_GOOD);
        }
        for (String p : List.of("good", "gd", "fine", "not bad", "not too bad", "pretty good", "quite good",
                "happy", "nice", "pleasant", "decent")) {
            PHRASES.put(p, FftAnswer.GOOD);
        }
        for (String p : List.of("neither good nor poor", "neither good or poor", "neither", "ok", "okay", "alright",
                "all right", "average", "so so", "mixed", "satisfactory", "adequate", "fair", "middling",
                "could be better", "could have been better")) {
            PHRASES.put(p, FftAnswer.NEITHER);
        }
        for (String p : List.of("poor", "bad", "not good", "not very good", "not great", "not the best",
                "disappointing", "disappointed", "unhappy", "not happy", "below average", "pretty poor")) {
            PHRASES.put(p, FftAnswer.POOR);
        }
        for (String p : List.of("very poor", "v poor", "very bad", "really bad", "really poor", "terrible", "awful",
                "dreadful", "appalling", "horrible", "horrendous", "shocking", "disgusting", "worst", "the worst",
                "atrocious", "abysmal", "rubbish", "diabolical", "extremely poor")) {
            PHRASES.put(p, FftAnswer.VERY_POOR);
        }
        for (String p : List.of("dont know", "don t know", "do not know", "not sure", "unsure", "no idea", "dunno",
                "idk", "cant say", "can t say", "cannot say", "no opinion", "dont remember", "cant remember")) {
            PHRASES.put(p, FftAnswer.DONT_KNOW);
        }
    }

    private static final List<String> PHRASES_LONGEST_FIRST = PHRASES.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();

    /** Emoji by code point; a thumbs-up twice or more reads as Very good. */
    private static final Map<Integer, FftAnswer> EMOJI = new LinkedHashMap<>();

    static {
        for (int cp : new int[] {0x1F600, 0x1F603, 0x1F604, 0x1F601, 0x1F60A, 0x1F60D, 0x1F970, 0x2764, 0x1F496,
                0x1F497, 0x1F499, 0x1F49A, 0x1F49C, 0x1F44F, 0x1F64F, 0x2B50, 0x1F31F, 0x1F929, 0x1F4AF}) {
            EMOJI.put(cp, FftAnswer.VERY_GOOD);
        }
        for (int cp : new int[] {0x1F44D, 0x1F642, 0x1F44C, 0x263A}) {
            EMOJI.put(cp, FftAnswer.GOOD);
        }
        for (int cp : new int[] {0x1F610, 0x1F611, 0x1F636, 0x1F615}) {
            EMOJI.put(cp, FftAnswer.NEITHER);
        }
        for (int cp : new int[] {0x1F641, 0x2639, 0x1F61E, 0x1F44E, 0x1F612, 0x1F61F}) {
            EMOJI.put(cp, FftAnswer.POOR);
        }
        for (int cp : new int[] {0x1F621, 0x1F620, 0x1F92C, 0x1F62D, 0x1F622, 0x1F92E, 0x1F4A9}) {
            EMOJI.put(cp, FftAnswer.VERY_POOR);
        }
        EMOJI.put(0x1F937, FftAnswer.DONT_KNOW);
    }

    private ReplyParser() {
    }

    public static ParsedReply parse(String text) {
        if (text == null || text.isBlank()) {
            return ParsedReply.of(ParsedReply.Kind.UNCLEAR);
        }
        String lower = text.replace('\u2019', '\'').replace('\u2018', '\'')
                .replace("\uFE0F", "").replace("\u20E3", "")
                .strip().toLowerCase(Locale.ROOT);
        String plain = plain(lower);
        if (isOptOut(plain)) {
            return ParsedReply.of(ParsedReply.Kind.OPT_OUT);
        }
        if (OPT_IN.contains(plain)) {
            return ParsedReply.of(ParsedReply.Kind.OPT_IN);
        }
        ParsedReply leading = leadingNumber(lower, text);
        if (leading != null) {
            return leading;
        }
        String phrase = earliestPhrase(plain);
        if (phrase != null) {
            return ParsedReply.score(PHRASES.get(phrase), wholeTextAsComment(text, plain, words(phrase)));
        }
        ParsedReply lone = loneNumber(lower, plain, text);
        if (lone != null) {
            return lone;
        }
        FftAnswer emoji = emoji(text);
        if (emoji != null) {
            return ParsedReply.score(emoji, wholeTextAsComment(text, plain, 0));
        }
        return ParsedReply.of(ParsedReply.Kind.UNCLEAR);
    }

    /** Lower case letters and digits, every other run of characters one space; apostrophes dropped (don't -> dont). */
    static String plain(String lower) {
        return lower.replace("'", "").replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static boolean isOptOut(String plain) {
        if (plain.isEmpty()) {
            return false;
        }
        if (OPT_OUT_PHRASE.matcher(plain).find()) {
            return true;
        }
        // "STOP", "stop please", "Please stop!!", "STOP ALL", "stop texting me now"
        List<String> words = new ArrayList<>(List.of(plain.split(" ")));
        words.removeIf(POLITE::contains);
        String rest = String.join(" ", words);
        return OPT_OUT_WORDS.contains(rest) || (plain.startsWith("stop") && OPT_OUT_WORDS.contains(rest.split(" ")[0])
                && words.size() <= 2);
    }

    private static ParsedReply leadingNumber(String lower, String original) {
        Matcher digits = LEADING_NUMBER.matcher(lower);
        Integer number = null;
        String after;
        if (digits.find()) {
            number = parseSmall(digits.group(1));
            after = lower.substring(digits.end());
        } else {
            String plain = plain(lower);
            String first = plain.split(" ")[0];
            Integer word = NUMBER_WORDS.get(first);
            if (word == null) {
                return null;
            }
            int at = lower.indexOf(first);
            after = lower.substring(at + first.length());
            boolean alone = plain.split(" ").length <= 2 || after.matches("^\\s*[-.,:;!)/].*");
            if (!alone) {
                return null;
            }
            number = word;
        }
        if (number == null) {
            return null;
        }
        if (STARS.matcher(after).matches()) {
            return number >= 1 && number <= 5 ? ParsedReply.score(FftAnswer.of(6 - number), null) : null;
        }
        if (UNIT.matcher(after).matches() || ALTERNATIVE.matcher(after).matches()) {
            return null;
        }
        if (number < 1 || number > 6) {
            return null;
        }
        return ParsedReply.score(FftAnswer.of(number), remainderAsComment(original, lower.length() - after.length()));
    }

    private static ParsedReply loneNumber(String lower, String plain, String original) {
        Matcher m = NUMBER.matcher(lower);
        List<Integer> numbers = new ArrayList<>();
        int end = -1;
        while (m.find()) {
            numbers.add(parseSmall(m.group(1)));
            end = m.end();
        }
        if (numbers.size() != 1 || numbers.get(0) == null || plain.split(" ").length > 8) {
            return null;
        }
        int number = numbers.get(0);
        String after = lower.substring(end);
        if (number < 1 || number > 6 || UNIT.matcher(after).matches() || STARS.matcher(after).matches()) {
            return null;
        }
        return ParsedReply.score(FftAnswer.of(number), wholeTextAsComment(original, plain, 1));
    }

    private static String earliestPhrase(String plain) {
        String padded = " " + plain + " ";
        int bestAt = Integer.MAX_VALUE;
        String best = null;
        for (String phrase : PHRASES_LONGEST_FIRST) {
            int at = padded.indexOf(" " + phrase + " ");
            if (at >= 0 && at < bestAt) {
                bestAt = at;
                best = phrase;
            }
        }
        return best;
    }

    private static FftAnswer emoji(String text) {
        long thumbs = text.codePoints().filter(cp -> cp == 0x1F44D).count();
        if (thumbs >= 2) {
            return FftAnswer.VERY_GOOD;
        }
        return text.codePoints().filter(EMOJI::containsKey).mapToObj(EMOJI::get).findFirst().orElse(null);
    }

    private static String remainderAsComment(String original, int from) {
        // lower-casing does not change the length of the characters we meet here, so the offset carries over
        String rest = from <= original.length() ? original.substring(from) : "";
        rest = rest.replaceFirst("^[\\s\\p{Punct}]+", "").strip();
        return plain(rest.toLowerCase(Locale.ROOT)).split(" ").length >= 2 ? rest : null;
    }

    /** The whole text when it says more than the answer: three words or more besides it. */
    private static String wholeTextAsComment(String original, String plain, int answerWords) {
        return words(plain) - answerWords >= 3 ? original.strip() : null;
    }

    private static int words(String plain) {
        return plain.isBlank() ? 0 : plain.split(" ").length;
    }

    private static Integer parseSmall(String digits) {
        return digits.length() > 2 ? null : Integer.valueOf(digits);
    }
}
