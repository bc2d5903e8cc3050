package org.nervusdb.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small least-recently-used map with a fixed entry limit. Thread-safe (synchronized). */
final class LruCache<K, V> {
    private final LinkedHashMap<K, V> map;

    LruCache(int maxEntries) {
        this.map = new LinkedHashMap<K, V>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized V get(K k) {
        return map.get(k);
    }

    synchronized void put(K k, V v) {
        map.put(k, v);
    }

    synchronized int size() {
        return map.size();
    }

    synchronized void clear() {
        map.clear();
    }
}
