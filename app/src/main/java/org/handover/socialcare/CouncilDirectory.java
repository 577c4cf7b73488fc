package org.handover.socialcare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.handover.audit.AuditLog;
import org.handover.rules.discharge.CouncilArea;
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
 * The councils and the postcode -> council table in force, changeable by an administrator without a rebuild. Each
 * change is a new version (who, when, why), audited; the current version is cached. Every council gets its own
 * Tasklist group, created idempotently.
 */
@Service
public class CouncilDirectory {

    private static final TypeReference<List<Council>> COUNCILS = new TypeReference<>() {};
    private static final TypeReference<List<CouncilArea>> AREAS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final IdentitySetup identity;
    private final Clock clock;
    private final SocialCareConfig.SocialCareSettings settings;
    private final SharedVersion<Version> current;

    CouncilDirectory(JdbcTemplate jdbc, ObjectMapper json, AuditLog audit, IdentitySetup identity, Clock clock,
            SocialCareConfig.SocialCareSettings settings,
            @Value("${handover.cluster.settings-recheck:5s}") Duration recheck) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.identity = identity;
        this.clock = clock;
        this.settings = settings;
        this.current = new SharedVersion<>(recheck, clock, this::newestVersion, this::load, Version::version);
    }

    public record Version(int version, List<Council> councils, List<CouncilArea> postcodeAreas, String changedBy,
            Instant changedAt, String changeNote) {

        public Optional<Council> council(String code) {
            return councils.stream().filter(council -> council.code().equals(code)).findFirst();
        }
    }

    /** The version in force; one changed on another node is in force here within handover.cluster.settings-recheck. */
    public Version current() {
        return current.get();
    }

    public Optional<Council> council(String code) {
        return current().council(code);
    }

    /** Seeds the sandbox councils on first start and makes sure every council's group exists. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    @Transactional
    void seedDefaults() {
        if (jdbc.queryForObject("select count(*) from council_directory_version", Integer.class) == 0) {
            insert(1, DefaultCouncils.councils(), DefaultCouncils.postcodeAreas(), "system", "Sandbox councils");
        }
        ensureGroups(current.reload());
    }

    @Transactional
    public Version change(List<Council> councils, List<CouncilArea> postcodeAreas, String userId, String note) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("Say why the councils change (changeNote)");
        }
        validate(councils, postcodeAreas);
        // from the database, not this node's copy: another node may have stored a newer version
        int next = newestVersion() + 1;
        insert(next, List.copyOf(councils), List.copyOf(postcodeAreas), userId, note.strip());
        audit.changed(userId, "social-care-councils/" + next, null, note.strip());
        Version changed = current.reload();
        ensureGroups(changed);
        return changed;
    }

    private int newestVersion() {
        return jdbc.queryForObject("select coalesce(max(version), 0) from council_directory_version", Integer.class);
    }

    public List<Version> history() {
        return jdbc.query("select * from council_directory_version order by version desc", (row, n) -> version(row));
    }

    private static void validate(List<Council> councils, List<CouncilArea> areas) {
        Set<String> codes = new HashSet<>();
        for (Council council : councils) {
            if (council == null || !codes.add(council.code())) {
                throw new IllegalArgumentException("Each council once: " + (council == null ? "null" : council.code())
                        + " is listed twice (or is empty)");
            }
        }
        Set<String> prefixes = new HashSet<>();
        for (CouncilArea area : areas) {
            if (area == null || !prefixes.add(area.prefix())) {
                throw new IllegalArgumentException("Each postcode area or district once: "
                        + (area == null ? "null" : area.prefix()) + " is listed twice (or is empty)");
            }
            if (!codes.contains(area.councilCode())) {
                throw new IllegalArgumentException("Postcode " + area.prefix() + " names council " + area.councilCode()
                        + ", which is not in the list of councils");
            }
        }
    }

    private void ensureGroups(Version version) {
        identity.ensureTeam(settings.escalationGroup(), "Discharge leads (late council acknowledgements)");
        version.councils().forEach(council -> identity.ensureTeam(council.socialCareGroup(),
                council.name() + " social care"));
    }

    private void insert(int version, List<Council> councils, List<CouncilArea> areas, String userId, String note) {
        jdbc.update("""
                insert into council_directory_version (version, councils, postcode_areas, changed_by, changed_at,
                    change_note) values (?, ?, ?, ?, ?, ?)
                """, version, write(councils), write(areas), userId, Timestamp.from(clock.instant()), note);
    }

    private Version load() {
        return jdbc.query("select * from council_directory_version order by version desc fetch first 1 rows only",
                (row, n) -> version(row)).stream().findFirst()
                .orElseGet(() -> new Version(0, DefaultCouncils.councils(), DefaultCouncils.postcodeAreas(), "system",
                        clock.instant(), "Defaults (not yet stored)"));
    }

    private Version version(ResultSet row) throws SQLException {
        try {
            return new Version(row.getInt("version"), json.readValue(row.getString("councils"), COUNCILS),
                    json.readValue(row.getString("postcode_areas"), AREAS), row.getString("changed_by"),
                    row.getTimestamp("changed_at").toInstant(), row.getString("change_note"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored council directory version is not readable", e);
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
