package org.handover.chc;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.handover.processes.chc.ChcFastTrackProcess;
import org.handover.processes.chc.ChcProcess;
import org.handover.rules.chc.ChecklistRules;
import org.handover.rules.chc.DstRules;
import org.handover.system.Roles;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration
@EnableConfigurationProperties(ChcSettings.class)
class ChcConfig {

    /** Who may start a Checklist from the Tasklist: the CHC team and the ward and discharge staff who screen. */
    static final List<Roles> CHECKLIST_STARTERS = List.of(Roles.CHC_COORDINATORS, Roles.DISCHARGE_COORDINATORS,
            Roles.WARD_ADMINS, Roles.CONSULTANTS);
    /** Who may start a Fast Track: appropriate clinicians and the CHC team. */
    static final List<Roles> FAST_TRACK_STARTERS = List.of(Roles.CHC_COORDINATORS, Roles.CONSULTANTS);

    private final AuthorizationService authorizations;

    ChcConfig(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    /** Built once at start from the rule units compiled at build time. */
    @Bean
    ChecklistRules checklistRules() {
        return ChecklistRules.create();
    }

    @Bean
    DstRules dstRules() {
        return DstRules.create();
    }

    /** Grants to start the two CHC processes from the Tasklist (idempotent). */
    @EventListener(ApplicationReadyEvent.class)
    void grantStarts() {
        for (Roles role : CHECKLIST_STARTERS) {
            grant(role.groupId(), Resources.PROCESS_DEFINITION, ChcProcess.KEY, Permissions.READ,
                    Permissions.CREATE_INSTANCE);
            grant(role.groupId(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        }
        for (Roles role : FAST_TRACK_STARTERS) {
            grant(role.groupId(), Resources.PROCESS_DEFINITION, ChcFastTrackProcess.KEY, Permissions.READ,
                    Permissions.CREATE_INSTANCE);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        if (authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
                .count() > 0) {
            return;
        }
        Authorization grant = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        grant.setGroupId(groupId);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        authorizations.saveAuthorization(grant);
    }
}
