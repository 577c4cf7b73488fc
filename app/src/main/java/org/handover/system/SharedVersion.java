package org.handover.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A versioned setting kept in the database (the referral routing table, the council directory) as one node caches
 * it: read once, then compared with the newest version number at most once every {@code recheck}. Several nodes share
 * the database, and an administrator's change is made on one of them: the others put it in force within
 * {@code recheck}, for one small query per interval rather than one per use.
 */
public final class SharedVersion<T> {

    private final Duration recheck;
    private final Clock clock;
    private final IntSupplier newestVersion;
    private final Supplier<T> load;
    private final ToIntFunction<T> versionOf;
    private volatile Cached<T> cached;

    private record Cached<T>(T value, Instant checkedAt) {
    }

    /**
     * @param newestVersion the highest version number stored (a cheap query)
     * @param load          reads the newest version in full
     * @param versionOf     the version number of a loaded value
     */
    public SharedVersion(Duration recheck, Clock clock, IntSupplier newestVersion, Supplier<T> load,
            ToIntFunction<T> versionOf) {
        this.recheck = recheck;
        this.clock = clock;
        this.newestVersion = newestVersion;
        this.load = load;
        this.versionOf = versionOf;
    }

    /** The version in force, as this node last saw it, checked against the database when {@code recheck} has passed. */
    public T get() {
        Cached<T> known = cached;
        if (known == null) {
            return reload();
        }
        Instant now = clock.instant();
        if (now.isBefore(known.checkedAt().plus(recheck))) {
            return known.value();
        }
        if (newestVersion.getAsInt() != versionOf.applyAsInt(known.value())) {
            return reload();
        }
        cached = new Cached<>(known.value(), now);
        return known.value();
    }

    /** Reads the newest version now: at start, and after this node stored a new one. */
    public T reload() {
        T value = load.get();
        cached = new Cached<>(value, clock.instant());
        return value;
    }
}
