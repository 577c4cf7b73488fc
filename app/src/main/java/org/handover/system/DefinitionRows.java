package org.handover.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The rows Camunda reads from the database at the start of every referral, transfer of care and Discharge to Assess
 * although only an administrator's action changes them: the process definition (for its suspension state; the model
 * itself is cached) and the job definitions of the timers the start creates (whose suspension state each new timer
 * copies). As this node last read them, they go into the start command's entity cache, where Camunda looks first: a
 * query less per row per start.
 *
 * <p>Camunda still reads them at least once every {@code handover.cluster.settings-recheck} (5 s): the first start
 * after that goes without, and what Camunda read then is kept for the next interval. A suspension of one of these
 * processes or of its timers, made on any node, thus applies to new starts within that interval, as a changed
 * routing table does (docs/decisions/0006-referral-intake-at-200-per-second.md).
 *
 * <p>The rows kept are shared by concurrent start commands: nothing in a start changes a definition, so Camunda finds
 * them unchanged when it flushes and writes nothing back.
 */
@Component
class DefinitionRows {

    private final Duration recheck;
    private final Clock clock;
    private final Map<String, Read> last = new ConcurrentHashMap<>();

    private record Read(ProcessDefinitionEntity definition, List<JobDefinitionEntity> jobDefinitions, Instant at) {
    }

    DefinitionRows(Clock clock, @Value("${handover.cluster.settings-recheck:5s}") Duration recheck) {
        this.clock = clock;
        this.recheck = recheck;
    }

    /** Runs {@code start}, which starts an instance of {@code definitionId}, inside the Camunda command calling this. */
    <T> T starting(String definitionId, Supplier<T> start) {
        DbEntityManager entities = Context.getCommandContext().getDbEntityManager();
        Read known = last.get(definitionId);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.at().plus(recheck))) {
            DbEntityCache cache = entities.getDbEntityCache();
            putIfAbsent(cache, known.definition());
            known.jobDefinitions().forEach(row -> putIfAbsent(cache, row));
            return start.get();
        }
        T started = start.get();
        ProcessDefinitionEntity definition = entities.getCachedEntity(ProcessDefinitionEntity.class, definitionId);
        if (definition != null) {
            last.put(definitionId, new Read(definition, entities.getCachedEntitiesByType(JobDefinitionEntity.class)
                    .stream().filter(row -> definitionId.equals(row.getProcessDefinitionId())).toList(), now));
        }
        return started;
    }

    private static void putIfAbsent(DbEntityCache cache, DbEntity row) {
        if (cache.get(row.getClass(), row.getId()) == null) {
            cache.putPersistent(row);
        }
    }
}
