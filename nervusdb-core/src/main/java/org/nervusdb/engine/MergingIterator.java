package org.nervusdb.engine;

/**
 * Merges sorted sources ordered newest first. Where several sources hold the same key, only the
 * newest entry is shown (it may be a tombstone; {@link Engine.Scan} hides those).
 */
final class MergingIterator implements EntryIterator {
    private final EntryIterator[] sources;
    private int current = -1;

    MergingIterator(EntryIterator[] sources) {
        this.sources = sources;
    }

    private void pick() {
        current = -1;
        byte[] best = null;
        for (int i = 0; i < sources.length; i++) {
            EntryIterator s = sources[i];
            if (s.valid()) {
                byte[] k = s.key();
                if (best == null || Bytes.compare(k, best) < 0) {
                    best = k;
                    current = i;
                }
            }
        }
    }

    @Override
    public void seek(byte[] target) {
        for (EntryIterator s : sources) {
            s.seek(target);
        }
        pick();
    }

    @Override
    public void seekToFirst() {
        for (EntryIterator s : sources) {
            s.seekToFirst();
        }
        pick();
    }

    @Override
    public boolean valid() {
        return current >= 0;
    }

    @Override
    public void next() {
        byte[] k = sources[current].key();
        for (EntryIterator s : sources) {
            if (s.valid() && Bytes.compare(s.key(), k) == 0) {
                s.next();
            }
        }
        pick();
    }

    @Override
    public byte[] key() {
        return sources[current].key();
    }

    @Override
    public byte[] value() {
        return sources[current].value();
    }

    @Override
    public boolean isTombstone() {
        return sources[current].isTombstone();
    }
}
