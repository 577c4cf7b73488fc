package org.handover.rules.chc;

/**
 * Domains of one DST at each level. {@code moderateOrAbove} counts moderate, high, severe and priority. Public for the
 * classes generated from the DRL.
 */
public record DstCounts(int priority, int severe, int high, int moderate, int low, int none, int moderateOrAbove) {
}
