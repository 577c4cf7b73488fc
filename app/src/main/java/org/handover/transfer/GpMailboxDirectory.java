package org.handover.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Finds a GP practice's MESH mailbox for a workflow by MESH endpoint lookup ({@code GET /messageexchange/endpointlookup/
 * {ods}/{workflow}}), cached in {@code gp_mailbox_lookup} for {@code mailbox-cache-time}, including "no mailbox". A
 * lookup that fails (MESH unreachable) throws: the caller's step rolls back and is retried, it is not taken for
 * "no mailbox". Used by transfer of care and by the CHC letters' GP copies.
 */
@Component
public class GpMailboxDirectory {

    private final JdbcTemplate jdbc;
    private final RestClient mesh;
    private final TransferOfCareConfig.TransferSettings settings;
    private final Clock clock;

    GpMailboxDirectory(JdbcTemplate jdbc, RestClient.Builder http, @Value("${handover.mesh.url}") String meshUrl,
            TransferOfCareConfig.TransferSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.mesh = http.clone().baseUrl(meshUrl).build();
        this.settings = settings;
        this.clock = clock;
    }

    public Optional<String> mailbox(String odsCode, String workflowId) {
        String ods = odsCode == null ? "" : odsCode.strip().toUpperCase(Locale.ROOT);
        if (!ods.matches("[A-Z0-9]{3,10}")) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Optional<String>> cached = jdbc.query("select mailbox_id from gp_mailbox_lookup where ods_code = ? "
                + "and workflow_id = ? and looked_up_at > ?", (row, n) -> Optional.ofNullable(row.getString(1)), ods,
                workflowId, Timestamp.from(now.minus(settings.mailboxCacheTime())));
        if (!cached.isEmpty()) {
            return cached.get(0);
        }
        Optional<String> found = lookUp(ods, workflowId);
        if (jdbc.update("update gp_mailbox_lookup set mailbox_id = ?, looked_up_at = ? where ods_code = ? and "
                + "workflow_id = ?", found.orElse(null), Timestamp.from(now), ods, workflowId) == 0) {
            jdbc.update("insert into gp_mailbox_lookup (ods_code, workflow_id, mailbox_id, looked_up_at) "
                    + "values (?, ?, ?, ?)", ods, workflowId, found.orElse(null), Timestamp.from(now));
        }
        return found;
    }

    private Optional<String> lookUp(String ods, String workflowId) {
        try {
            JsonNode answer = mesh.get().uri("/messageexchange/endpointlookup/{ods}/{workflow}", ods, workflowId)
                    .retrieve().body(JsonNode.class);
            JsonNode results = answer == null ? null : answer.path("results");
            if (results == null || !results.isArray() || results.isEmpty()) {
                return Optional.empty();
            }
            String address = results.get(0).path("address").asText("");
            return address.isBlank() ? Optional.empty() : Optional.of(address.strip());
        } catch (RestClientException e) {
            throw new IllegalStateException("MESH endpoint lookup for " + ods + "/" + workflowId + " failed: "
                    + e.getMessage(), e);
        }
    }
}
