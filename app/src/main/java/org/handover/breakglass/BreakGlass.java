package org.handover.breakglass;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.handover.audit.AuditLog;
import org.handover.domain.NhsNumber;
import org.handover.system.AsSystem;
import org.handover.system.Databases;
import org.handover.system.EngineGrants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Break-glass: a user outside a case's team may read it for a while by stating why. The grant is audited, written
 * down, put before information governance as a review task, and revoked when it expires.
 */
@Service
public class BreakGlass {

    private static final Logger log = LoggerFactory.getLogger(BreakGlass.class);

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final AuthorizationService authorizationService;
    private final IdentityService identityService;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final BreakGlassSettings settings;
    private final String selectExpired;

    BreakGlass(RuntimeService runtimeService, TaskService taskService, AuthorizationService authorizationService,
            IdentityService identityService, AuditLog audit, JdbcTemplate jdbc, Clock clock, BreakGlassSettings settings) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.authorizationService = authorizationService;
        this.identityService = identityService;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        // Every node runs the revocation: each takes the grants no other node is revoking at that moment.
        this.selectExpired = "select id, authorization_ids from break_glass_grant where revoked_at is null "
                + "and expires_at <= ? " + Databases.forUpdateSkipLocked(jdbc.getDataSource());
    }

    record Grant(UUID id, String userId, String processInstanceId, String businessKey, String processKey,
            String reason, Instant grantedAt, Instant expiresAt, Instant revokedAt, String reviewTaskId) {
    }

    @Transactional
    Grant open(String userId, String processInstanceId, String businessKey, String reason) {
        if ((processInstanceId == null || processInstanceId.isBlank()) == (businessKey == null || businessKey.isBlank())) {
            throw new BreakGlassException(400, "Name the case by exactly one of processInstanceId or businessKey");
        }
        if (reason == null || reason.strip().length() < settings.minimumReasonLength()) {
            throw new BreakGlassException(400, "Say why you need this case (reason): at least "
                    + settings.minimumReasonLength() + " characters");
        }
        ProcessInstance instance = asSystem(() -> findCase(processInstanceId, businessKey));
        String processKey = asSystem(() -> runtimeService.createProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult().getProcessDefinitionId()).split(":")[0];
        Object nhsNumberValue = asSystem(() -> runtimeService.getVariable(instance.getId(), "nhsNumber"));
        String nhsNumber = nhsNumberValue == null ? null
                : NhsNumber.tryParse(nhsNumberValue.toString()).map(NhsNumber::value).orElse(null);

        Instant now = clock.instant();
        Instant expires = now.plus(settings.duration());
        List<String> authorizations = asSystem(() -> {
            List<String> ids = new ArrayList<>();
            ids.add(grant(userId, Resources.PROCESS_INSTANCE, instance.getId(), Permissions.READ));
            for (Task task : taskService.createTaskQuery().processInstanceId(instance.getId()).list()) {
                ids.add(grant(userId, Resources.TASK, task.getId(), Permissions.READ));
            }
            return ids;
        });
        String reviewTask = asSystem(() -> reviewTask(userId, instance, processKey, reason.strip(), expires));
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into break_glass_grant (id, user_id, process_instance_id, business_key, process_key, nhs_number,
                    reason, granted_at, expires_at, authorization_ids, review_task_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, userId, instance.getId(), instance.getBusinessKey(), processKey, nhsNumber, reason.strip(),
                Timestamp.from(now), Timestamp.from(expires), String.join(",", authorizations), reviewTask);
        audit.read(userId, "break-glass/" + processKey + "/" + instance.getId(), nhsNumber, "Break-glass: " + reason.strip());
        log.info("Break-glass grant {} for user {} on {} {} until {}", id, userId, processKey, instance.getId(), expires);
        return new Grant(id, userId, instance.getId(), instance.getBusinessKey(), processKey, reason.strip(), now,
                expires, null, reviewTask);
    }

    List<Grant> all() {
        return jdbc.query("select * from break_glass_grant order by granted_at desc", (row, n) -> new Grant(
                row.getObject("id", UUID.class), row.getString("user_id"), row.getString("process_instance_id"),
                row.getString("business_key"), row.getString("process_key"), row.getString("reason"),
                row.getTimestamp("granted_at").toInstant(), row.getTimestamp("expires_at").toInstant(),
                row.getTimestamp("revoked_at") == null ? null : row.getTimestamp("revoked_at").toInstant(),
                row.getString("review_task_id")));
    }

    /** Expired grants lose their Camunda authorizations; the record of them stays. */
    @Scheduled(fixedDelayString = "${handover.break-glass.revoke-interval:1m}", initialDelay = 10_000)
    @Transactional
    public void revokeExpired() {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.query(selectExpired, (row, n) -> {
            Arrays.stream(row.getString("authorization_ids").split(",")).filter(s -> !s.isBlank())
                    .forEach(authorization -> asSystem(() -> {
                        if (authorizationService.createAuthorizationQuery().authorizationId(authorization).count() > 0) {
                            authorizationService.deleteAuthorization(authorization);
                        }
                        return null;
                    }));
            return row.getObject("id", UUID.class);
        }, now).forEach(id -> jdbc.update("update break_glass_grant set revoked_at = ? where id = ?", now, id));
    }

    private ProcessInstance findCase(String processInstanceId, String businessKey) {
        List<ProcessInstance> found = processInstanceId != null && !processInstanceId.isBlank()
                ? runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).list()
                : runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list();
        if (found.isEmpty()) {
            throw new BreakGlassException(404, "No open case with that " + (businessKey != null && !businessKey.isBlank()
                    ? "business key" : "process instance id"));
        }
        if (found.size() > 1) {
            throw new BreakGlassException(409, found.size() + " open cases have that business key: name one by "
                    + "processInstanceId");
        }
        return found.get(0);
    }

    private String grant(String userId, Resource resource, String resourceId, Permission permission) {
        String id = EngineGrants.grantOnce(authorizationService, userId, null, resource, resourceId, permission);
        return id == null ? "" : id;
    }

    private String reviewTask(String userId, ProcessInstance instance, String processKey, String reason, Instant expires) {
        Task task = taskService.newTask();
        task.setName("Review break-glass access by " + userId);
        task.setDescription(userId + " opened " + processKey + " case " + (instance.getBusinessKey() == null
                ? instance.getId() : instance.getBusinessKey()) + " outside their team until " + expires + ". Reason: "
                + reason);
        task.setDueDate(Date.from(clock.instant().plus(java.time.Duration.ofDays(1))));
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), settings.reviewGroup());
        return task.getId();
    }

    /** The caller's own rights do not extend to granting: the engine acts for Handover here. */
    private <T> T asSystem(Supplier<T> work) {
        return AsSystem.call(identityService, work);
    }
}
