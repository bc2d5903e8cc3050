package org.nervusdb.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-predicate statistics of one table, gathered while the table is written (a flush or a
 * compaction) and stored in its stats block, so the query planner's figures stay current
 * without a separate pass. For each predicate id: the live triples (puts), the tombstones, the
 * distinct subjects and the distinct objects among the live triples; predicate 0 stands for
 * the whole table (distinct subjects and objects over all predicates). Encoding (varints):
 * {@code 1 | flags | count | (predicate triples tombstones subjects objects)*}, flags bit 0 set
 * when the table had more than {@link #MAX_PREDICATES} predicates and the rest are left out.
 */
final class TripleStats {
    static final int MAX_PREDICATES = 65_536;
    static final int TRIPLES = 0;
    static final int TOMBSTONES = 1;
    static final int SUBJECTS = 2;
    static final int OBJECTS = 3;

    final Map<Long, long[]> byPredicate;
    final boolean truncated;

    private TripleStats(Map<Long, long[]> byPredicate, boolean truncated) {
        this.byPredicate = byPredicate;
        this.truncated = truncated;
    }

    /** The figures of predicate {@code p} (0: the table), or null if not recorded. */
    long[] get(long p) {
        return byPredicate.get(p);
    }

    /** Decodes a stats block; null when it is not one this version reads (it is ignored then). */
    static TripleStats decode(byte[] b) {
        try {
            int[] pos = {0};
            if (Bytes.readVarLong(b, pos, b.length) != 1) {
                return null;
            }
            long flags = Bytes.readVarLong(b, pos, b.length);
            int n = Bytes.readVarInt(b, pos, b.length);
            if (n > MAX_PREDICATES + 1) {
                return null;
            }
            Map<Long, long[]> m = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long p = Bytes.readVarLong(b, pos, b.length);
                long[] f = new long[4];
                for (int k = 0; k < 4; k++) {
                    f[k] = Bytes.readVarLong(b, pos, b.length);
                }
                m.put(p, f);
            }
            return new TripleStats(m, (flags & 1) != 0);
        } catch (IllegalStateException e) {
            return null; // the block's checksum held, so this is a newer layout; plan without it
        }
    }

    /** Gathers the statistics from a table's entries, which arrive in key order. */
    static final class Collector implements KeyShape.StatsCollector {
        private final Map<Long, long[]> byPredicate = new HashMap<>();
        private final long[] all = new long[4];
        private boolean truncated;
        private byte[] lastLive;
        private long lastP = -1;
        private long[] lastF;
        private boolean indexKeys;

        @Override
        public void add(byte[] key, boolean tombstone) {
            if (key.length == 0 || key[0] < Keys.SPO || key[0] > Keys.OSP) {
                return;
            }
            indexKeys = true;
            int l1 = Keys.idLen(key, 1);
            int l2 = l1 < 0 ? -1 : Keys.idLen(key, 1 + l1);
            if (l2 < 0) {
                return;
            }
            int one = 1 + l1;
            int two = one + l2;
            byte tag = key[0];
            if (tombstone) {
                if (tag == Keys.POS) {
                    long[] f = figures(Bytes.getId(key, 1, key.length));
                    if (f != null) {
                        f[TOMBSTONES]++;
                    }
                    all[TOMBSTONES]++;
                }
                return;
            }
            boolean newFirst = lastLive == null || lastLive[0] != tag || lastLive.length < two
                    || Bytes.compare(lastLive, 0, one, key, 0, one) != 0;
            boolean newTwo = newFirst || Bytes.compare(lastLive, 0, two, key, 0, two) != 0;
            lastLive = key;
            if (tag == Keys.SPO) {
                if (newFirst) {
                    all[SUBJECTS]++;
                }
                if (newTwo) {
                    long[] f = figures(Bytes.getId(key, one, key.length));
                    if (f != null) {
                        f[SUBJECTS]++;
                    }
                }
            } else if (tag == Keys.POS) {
                long[] f = figures(Bytes.getId(key, 1, key.length));
                all[TRIPLES]++;
                if (f != null) {
                    f[TRIPLES]++;
                    if (newTwo) {
                        f[OBJECTS]++;
                    }
                }
            } else if (newFirst) {
                all[OBJECTS]++;
            }
        }

        private long[] figures(long p) {
            if (p == lastP && lastF != null) {
                return lastF; // POS keys come grouped by predicate: no map lookup (and no boxing)
            }
            long[] f = figuresOf(p);
            lastP = p;
            lastF = f;
            return f;
        }

        private long[] figuresOf(long p) {
            long[] f = byPredicate.get(p);
            if (f == null && p > 0) {
                if (byPredicate.size() >= MAX_PREDICATES) {
                    truncated = true;
                    return null;
                }
                f = new long[4];
                byPredicate.put(p, f);
            }
            return f;
        }

        @Override
        public byte[] finish() {
            if (!indexKeys) {
                return null; // terms or metadata only
            }
            ByteBuilder b = new ByteBuilder(16 + 12 * byPredicate.size());
            b.putVar(1).putVar(truncated ? 1 : 0).putVar(byPredicate.size() + 1L);
            put(b, 0, all);
            for (Map.Entry<Long, long[]> e : byPredicate.entrySet()) {
                put(b, e.getKey(), e.getValue());
            }
            return b.toArray();
        }

        private static void put(ByteBuilder b, long p, long[] f) {
            b.putVar(p);
            for (long v : f) {
                b.putVar(v);
            }
        }
    }
}
