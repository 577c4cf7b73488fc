package org.handover.rules.referral;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Fact written by the priority rules: exactly one per referral, never lower than the GP's priority. Public for the
 * classes generated from the DRL.
 *
 * @param redFlags    the red flags found in the clinical text, by phrase
 * @param explanation e.g. "'rectal bleeding' is a suspected-cancer red flag, raised from routine to two-week-wait"
 */
public record PriorityDecision(Referral referral, ReferralPriority priority, List<RedFlag> redFlags,
        String explanation) {

    public PriorityDecision {
        redFlags = List.copyOf(redFlags);
    }

    /** No red flag: the GP's priority stands. */
    public static PriorityDecision asReferred(Referral referral) {
        ReferralPriority gp = referral.gpPriority();
        return new PriorityDecision(referral, gp, List.of(), gp.label() + " as referred by the GP");
    }

    /**
     * Red flags found: two-week-wait, or the GP's priority if that were higher. {@code found} holds
     * {@link RedFlagFound} facts (the DRL's {@code collectList} gives a raw list).
     */
    public static PriorityDecision forRedFlags(Referral referral, Collection<?> found) {
        List<RedFlag> flags = found.stream()
                .map(fact -> ((RedFlagFound) fact).redFlag())
                .sorted(Comparator.comparing(RedFlag::phrase, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(RedFlag::id))
                .toList();
        // The same phrase may be listed for one specialty and for any: name it once.
        List<String> phrases = flags.stream()
                .collect(Collectors.toMap(flag -> flag.phrase().toLowerCase(Locale.ROOT), flag -> "'" + flag.phrase()
                        + "'", (first, second) -> first, LinkedHashMap::new))
                .values().stream().toList();
        String what = phrases.size() == 1
                ? phrases.get(0) + " is a suspected-cancer red flag"
                : and(phrases) + " are suspected-cancer red flags";
        ReferralPriority gp = referral.gpPriority();
        ReferralPriority priority = ReferralPriority.max(gp, ReferralPriority.TWO_WEEK_WAIT);
        String explanation = priority.isHigherThan(gp)
                ? what + ", raised from " + gp.label() + " to " + priority.label()
                : what + "; " + priority.label() + " as referred by the GP";
        return new PriorityDecision(referral, priority, flags, explanation);
    }

    private static String and(List<String> items) {
        return items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", "))
                + " and " + items.get(items.size() - 1);
    }
}
