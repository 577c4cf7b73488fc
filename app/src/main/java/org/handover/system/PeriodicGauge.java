package org.handover.system;

/**
 * A gauge whose value a query computes on a schedule rather than on every scrape, so a scrape never costs a query.
 * Implementations refresh under their own lock: a refresh that reads the clock last also writes last.
 */
public interface PeriodicGauge {

    void refresh();
}
