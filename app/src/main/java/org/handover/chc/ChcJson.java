package org.handover.chc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.rules.chc.ChecklistRating;
import org.handover.rules.chc.DstRating;

/** Form values as JSON for the case timeline. */
final class ChcJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChcJson() {
    }

    static String of(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write CHC details as JSON", e);
        }
    }

    static Map<String, Object> checklist(String assessor, List<ChecklistRating> ratings) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("assessor", assessor);
        for (ChecklistRating r : ratings) {
            out.put(r.domain().title(), Map.of("level", r.level().name(), "evidence", r.evidence()));
        }
        return out;
    }

    static Map<String, Object> dst(List<DstRating> ratings, Map<String, String> characteristics) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (DstRating r : ratings) {
            out.put(r.domain().title(), Map.of("level", r.level().name(), "evidence", r.evidence()));
        }
        out.putAll(characteristics);
        return out;
    }
}
