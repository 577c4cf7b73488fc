package org.handover.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.handover.system.EngineGrants;
import org.handover.system.IdentitySetup;
import org.handover.system.TeamEnsured;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every team's saved Tasklist filters, each with its count and readable by that team only. Made at start for every
 * team (Camunda group of type WORKFLOW, and the teams in {@code handover.tasklist.teams}) and whenever a team is
 * added later; a filter whose definition changed is updated in place, never made twice.
 */
@Component
class TeamFilters {

    static final String KEY_PROPERTY = "handoverFilter";
    static final String FINGERPRINT_PROPERTY = "handoverFingerprint";
    /** Raise when a filter's criteria below change, so that existing filters are rewritten. */
    private static final int CRITERIA_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(TeamFilters.class);

    /** One saved filter per team: what it selects beyond "the team's tasks", in Tasklist order. */
    enum Kind {
        MY_TEAM("My team's tasks", "Everything waiting for the team, soonest due first", "#1d70b8", query -> query),
        OVERDUE("Overdue", "Past their due date: deal with these first", "#d4351c",
                query -> query.dueBeforeExpression("${now()}")),
        DUE_TODAY("Due today", "Due before midnight tonight (UK time)", "#f47738",
                query -> query.dueAfterExpression("${localDay.start()}").dueBeforeExpression("${localDay.end()}")),
        TWO_WEEK_WAIT("Two-week-wait referrals", "Suspected cancer referrals: the patient must be seen within 14 days",
                "#912b88", query -> query.processVariableValueEquals("priority", "two-week-wait")),
        AWAITING_ACKNOWLEDGEMENT("Awaiting acknowledgement", "Notifications the team has not yet acknowledged",
                "#00703c", query -> query.taskDefinitionKeyLike("UserTask_Acknowledge%"));

        final String title;
        final String description;
        final String colour;
        final UnaryOperator<TaskQuery> criteria;

        Kind(String title, String description, String colour, UnaryOperator<TaskQuery> criteria) {
            this.title = title;
            this.description = description;
            this.colour = colour;
            this.criteria = criteria;
        }
    }

    /** The task variables every filter shows (copied onto each task by {@link FindableTasks}). */
    static final Map<String, String> COLUMNS = columns();

    private final FilterService filterService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final IdentitySetup identitySetup;
    private final TasklistSettings settings;
    private final AtomicBoolean started = new AtomicBoolean();

    TeamFilters(FilterService filterService, TaskService taskService, IdentityService identityService,
            AuthorizationService authorizationService, IdentitySetup identitySetup, TasklistSettings settings) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.identitySetup = identitySetup;
        this.settings = settings;
    }

    /** Last at start, after the routing table and the council directory have made their teams. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    void ensureForEveryTeam() {
        started.set(true);
        settings.teams().forEach(team -> identitySetup.ensureTeam(team, team.replace('-', ' ')));
        List<Group> teams = identityService.createGroupQuery().groupType("WORKFLOW").list();
        Map<String, Filter> existing = existingFilters();
        teams.forEach(team -> ensureFor(team.getId(), team.getName() == null ? team.getId() : team.getName(), existing));
        log.info("Tasklist filters in place for {} teams", teams.size());
    }

    /** A team added while running (e.g. by a routing table change) gets its filters at once. */
    @EventListener
    void onTeamEnsured(TeamEnsured team) {
        if (started.get()) {
            ensureFor(team.groupId(), team.displayName(), existingFilters());
        }
    }

    private void ensureFor(String groupId, String teamName, Map<String, Filter> existing) {
        revokeBroadFilterGrant(groupId);
        for (Kind kind : Kind.values()) {
            String key = groupId + "/" + kind.name();
            Map<String, Object> properties = properties(kind, key, teamName);
            Filter filter = existing.get(key);
            if (filter != null && properties.get(FINGERPRINT_PROPERTY).equals(filter.getProperties().get(FINGERPRINT_PROPERTY))) {
                grantRead(groupId, filter.getId());
                continue;
            }
            if (filter == null) {
                filter = filterService.newTaskFilter();
            }
            filter.setName(kind.title + " · " + teamName);
            filter.setProperties(properties);
            TaskQuery teamTasks = taskService.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks();
            filter.setQuery(kind.criteria.apply(teamTasks).orderByDueDate().asc());
            filterService.saveFilter(filter);
            existing.put(key, filter);
            grantRead(groupId, filter.getId());
        }
    }

    private Map<String, Object> properties(Kind kind, String key, String teamName) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", kind.description + " (" + teamName + ")");
        properties.put("color", kind.colour);
        properties.put("priority", kind.ordinal());
        properties.put("refresh", true);
        properties.put("showUndefinedVariable", false);
        properties.put("variables", COLUMNS.entrySet().stream()
                .map(column -> Map.of("name", column.getKey(), "label", column.getValue())).toList());
        properties.put(KEY_PROPERTY, key);
        properties.put(FINGERPRINT_PROPERTY, CRITERIA_VERSION + ":" + kind.title + ":" + teamName + ":"
                + Integer.toHexString(properties.toString().hashCode()));
        return properties;
    }

    private Map<String, Filter> existingFilters() {
        Map<String, Filter> byKey = new LinkedHashMap<>();
        for (Filter filter : filterService.createTaskFilterQuery().list()) {
            Object key = filter.getProperties() == null ? null : filter.getProperties().get(KEY_PROPERTY);
            if (key != null) {
                byKey.put(key.toString(), filter);
            }
        }
        return byKey;
    }

    private void grantRead(String groupId, String filterId) {
        EngineGrants.grantOnce(authorizationService, null, groupId, Resources.FILTER, filterId, Permissions.READ);
    }

    /** Earlier versions let every team read every filter; now each team reads its own. */
    private void revokeBroadFilterGrant(String groupId) {
        authorizationService.createAuthorizationQuery().groupIdIn(groupId).resourceType(Resources.FILTER)
                .resourceId(Authorization.ANY).list()
                .forEach(grant -> authorizationService.deleteAuthorization(grant.getId()));
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(FindableTasks.NHS_NUMBER, "NHS number");
        columns.put(FindableTasks.PATIENT_NAME, "Patient");
        columns.put(FindableTasks.UBRN, "UBRN");
        columns.put(FindableTasks.WARD_OR_SPECIALTY, "Ward or specialty");
        columns.put(FindableTasks.PRIORITY, "Priority");
        return columns;
    }
}
