package org.handover.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.handover.audit.AuditLog;
import org.handover.rules.referral.RedFlag;
import org.handover.rules.referral.RoutingEntry;
import org.handover.system.IdentitySetup;
import org.handover.system.SharedVersion;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The routing table and red flags in force, changeable by an administrator without a rebuild. Each change is a new
 * version in the database (who, when, why), audited; the current version is cached and read on every routing.
 */
@Service
public class RoutingTable {

    private static final TypeReference<List<RoutingEntry>> ENTRIES = new TypeReference<>() {};
    private static final TypeReference<List<RedFlag>> RED_FLAGS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final IdentitySetup identity;
    private final Clock clock;
    private final String fallbackGroup;
    private final SharedVersion<Version> current;

    RoutingTable(JdbcTemplate jdbc, ObjectMapper json, AuditLog audit, IdentitySetup identity, Clock clock,
            ReferralConfig.ReferralSettings settings,
            @Value("${handover.cluster.settings-recheck:5s}") Duration recheck) {
        this.fallbackGroup = settings.fallbackGroup();
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
        this.current = new SharedVersion<>(recheck, clock, this::newestVersion, this::load, Version::version);
    }

    public record Version(int version, List<RoutingEntry> entries, List<RedFlag> redFlags, String changedBy,
            Instant changedAt, String changeNote) {
    }

    /** The version in force; one changed on another node is in force here within handover.cluster.settings-recheck. */
    public Version current() {
        return current.get();
    }

    /** Seeds the default table on first start, and makes sure every team it names exists as a Camunda group. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    @Transactional
    void seedDefaults() {
        if (jdbc.queryForObject("select count(*) from referral_routing_version", Integer.class) == 0) {
            insert(1, RoutingEntry.defaults(), RedFlag.defaults(), "system", "Default routing table");
        }
        ensureGroups(current.reload());
    }

    @Transactional
    public Version change(List<RoutingEntry> entries, List<RedFlag> redFlags, String userId, String note) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("Say why the routing table changes (changeNote)");
        }
        // from the database, not this node's copy: another node may have stored a newer version
        int next = newestVersion() + 1;
        insert(next, List.copyOf(entries), List.copyOf(redFlags), userId, note.strip());
        audit.changed(userId, "referral-routing/" + next, null, note.strip());
        Version changed = current.reload();
        ensureGroups(changed);
        return changed;
    }

    private int newestVersion() {
        return jdbc.queryForObject("select coalesce(max(version), 0) from referral_routing_version", Integer.class);
    }

    public List<Version> history() {
        return jdbc.query("select * from referral_routing_version order by version desc", (row, n) -> version(row));
    }

    private void ensureGroups(Version version) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(fallbackGroup);
        version.entries().forEach(entry -> {
            groups.add(entry.triageGroup());
            groups.add(entry.serviceLeadGroup());
        });
        groups.forEach(group -> identity.ensureTeam(group, DefaultRouting.displayName(group)));
    }

    private void insert(int version, List<RoutingEntry> entries, List<RedFlag> redFlags, String userId, String note) {
        jdbc.update("""
                insert into referral_routing_version (version, entries, red_flags, changed_by, changed_at, change_note)
                values (?, ?, ?, ?, ?, ?)
                """, version, write(entries), write(redFlags), userId, Timestamp.from(clock.instant()), note);
    }

    private Version load() {
        return jdbc.query("select * from referral_routing_version order by version desc fetch first 1 rows only",
                (row, n) -> version(row)).stream().findFirst()
                .orElseGet(() -> new Version(0, RoutingEntry.defaults(), RedFlag.defaults(), "system", clock.instant(),
                        "Defaults (not yet stored)"));
    }

    private Version version(java.sql.ResultSet row) throws java.sql.SQLException {
        try {
            return new Version(row.getInt("version"), json.readValue(row.getString("entries"), ENTRIES),
                    json.readValue(row.getString("red_flags"), RED_FLAGS), row.getString("changed_by"),
                    row.getTimestamp("changed_at").toInstant(), row.getString("change_note"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored routing table version is not readable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
