package org.handover.system;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Whether the Camunda command running on this thread created an entity (a process instance, a task) that is not yet
 * in the database: nothing stored can refer to it, so look-ups of grants on it can be skipped.
 */
public final class CreatedInThisCommand {

    private CreatedInThisCommand() {
    }

    /** The entity of that type and id, when the current command created it; null otherwise (or outside a command). */
    public static <T extends DbEntity> T entity(Class<T> type, String id) {
        CommandContext context = Context.getCommandContext();
        if (context == null || id == null) {
            return null;
        }
        CachedDbEntity cached = context.getDbEntityManager().getDbEntityCache().getCachedEntity(type, id);
        return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT ? type.cast(cached.getEntity()) : null;
    }
}
