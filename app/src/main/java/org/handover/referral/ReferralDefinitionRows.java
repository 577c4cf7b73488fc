package org.handover.referral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The two rows Camunda reads from the database at the start of every referral although only an administrator's
 * action changes them: the referral process definition (for its suspension state; the model itself is cached) and
 * the job definition of the triage timer (whose suspension state each new timer copies). As this node last read them,
 * they go into the start command's entity cache, where Camunda looks first: two queries less per referral.
 *
 * <p>Camunda still reads both at least once every {@code handover.cluster.settings-recheck} (5 s): the first start
 * after that goes without, and what Camunda read then is kept for the next interval. A suspension of the referral
 * process or of its timers, made on any node, thus applies to new referrals within that interval, as a changed
 * routing table does (docs/decisions/0006-referral-intake-at-200-per-second.md).
 *
 * <p>The rows kept are shared by concurrent start commands: nothing in a start changes a definition, so Camunda finds
 * them unchanged when it flushes and writes nothing back.
 */
@Component
class ReferralDefinitionRows {

    private final Duration recheck;
    private final Clock clock;
    private volatile Read last;

    private record Read(String definitionId, ProcessDefinitionEntity definition, List<JobDefinitionEntity> jobDefinitions,
            Instant at) {
    }

    ReferralDefinitionRows(Clock clock, @Value("${handover.cluster.settings-recheck:5s}") Duration recheck) {
        this.clock = clock;
        this.recheck = recheck;
    }

    /** Runs {@code start}, which starts a referral of {@code definitionId}, inside the Camunda command calling this. */
    <T> T starting(String definitionId, Supplier<T> start) {
        DbEntityManager entities = Context.getCommandContext().getDbEntityManager();
        Read known = last;
        Instant now = clock.instant();
        if (known != null && known.definitionId().equals(definitionId) && now.isBefore(known.at().plus(recheck))) {
            DbEntityCache cache = entities.getDbEntityCache();
            putIfAbsent(cache, known.definition());
            known.jobDefinitions().forEach(row -> putIfAbsent(cache, row));
            return start.get();
        }
        T started = start.get();
        ProcessDefinitionEntity definition = entities.getCachedEntity(ProcessDefinitionEntity.class, definitionId);
        if (definition != null) {
            last = new Read(definitionId, definition, entities.getCachedEntitiesByType(JobDefinitionEntity.class).stream()
                    .filter(row -> definitionId.equals(row.getProcessDefinitionId())).toList(), now);
        }
        return started;
    }

    private static void putIfAbsent(DbEntityCache cache, DbEntity row) {
        if (cache.get(row.getClass(), row.getId()) == null) {
            cache.putPersistent(row);
        }
    }
}
