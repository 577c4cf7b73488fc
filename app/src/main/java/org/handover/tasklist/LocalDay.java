package org.handover.tasklist;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Today in the trust's local time, for the "Due today" filters' expressions ({@code ${localDay.start()}}): the
 * engine's own {@code now()} knows no time zone, and a UK day starts an hour before UTC's in summer.
 */
@Component("localDay")
public class LocalDay {

    private final Clock clock;
    private final TasklistSettings settings;

    LocalDay(Clock clock, TasklistSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** Just before midnight starting today: the filters' "due after" is exclusive. */
    public Date start() {
        return Date.from(today().atStartOfDay(settings.zone()).toInstant().minusMillis(1));
    }

    /** Midnight ending today. */
    public Date end() {
        return Date.from(today().plusDays(1).atStartOfDay(settings.zone()).toInstant());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(settings.zone()));
    }
}
