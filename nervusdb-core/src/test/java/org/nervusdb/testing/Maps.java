package org.nervusdb.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Property maps for tests. */
public final class Maps {
    private Maps() {
    }

    /** A map of names and values given in turn ({@code "age", 30, "city", "Oslo"}), in that order. */
    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
