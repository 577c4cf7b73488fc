package org.handover.processes.chc;

/** Domain keys as words: "SkinIntegrity" as "skin integrity". */
final class Words {

    private Words() {
    }

    static String of(String domain) {
        return domain.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    /** As {@link #of}, capitalised to start a sentence. */
    static String capitalised(String domain) {
        String words = of(domain);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
