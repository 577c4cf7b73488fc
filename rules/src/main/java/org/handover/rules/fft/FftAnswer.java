package org.handover.rules.fft;

import java.util.Arrays;

/** The six answers to "Overall, how was your experience of our service?", numbered as the text lists them. */
public enum FftAnswer {
    VERY_GOOD(1, "Very good"),
    GOOD(2, "Good"),
    NEITHER(3, "Neither good nor poor"),
    POOR(4, "Poor"),
    VERY_POOR(5, "Very poor"),
    DONT_KNOW(6, "Don't know");

    private final int number;
    private final String label;

    FftAnswer(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    public String label() {
        return label;
    }

    public boolean positive() {
        return this == VERY_GOOD || this == GOOD;
    }

    public boolean negative() {
        return this == POOR || this == VERY_POOR;
    }

    public static FftAnswer of(int number) {
        return Arrays.stream(values()).filter(a -> a.number == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("FFT answers are numbered 1 to 6, not " + number));
    }
}
