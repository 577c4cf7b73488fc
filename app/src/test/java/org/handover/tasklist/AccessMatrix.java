package org.handover.tasklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What each sandbox user may do over the REST API, as checks that each answer "allowed" or "refused", so that a
 * whole matrix of users against actions can be compared with what is expected in one assertion.
 */
final class AccessMatrix {

    /** One action: its name and how to tell, for one user (by id), whether it was allowed. */
    record Action(String name, Function<String, Boolean> allowed) {
    }

    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final Map<String, Set<String>> allowedUsers = new LinkedHashMap<>();

    AccessMatrix allow(Action action, Set<String> users) {
        actions.put(action.name(), action);
        allowedUsers.put(action.name(), users);
        return this;
    }

    /** Every cell where what happened differs from what is expected, e.g. "socialcareleeds may: read Stockport's task". */
    List<String> differences(List<String> users) {
        List<String> differences = new ArrayList<>();
        for (Action action : actions.values()) {
            for (String user : users) {
                boolean expected = allowedUsers.get(action.name()).contains(user);
                boolean actual = action.allowed().apply(user);
                if (expected != actual) {
                    differences.add(user + (actual ? " may: " : " may not: ") + action.name());
                }
            }
        }
        return differences;
    }
}
