package org.nervusdb.engine;

/**
 * The three orders in which the store keeps every triple. A scan returns triples sorted by its
 * order's positions, so a scan with the first positions bound is sorted by the next one.
 */
public enum IndexOrder {
    SPO('s', 'p', 'o'),
    POS('p', 'o', 's'),
    OSP('o', 's', 'p');

    private final char[] positions;

    IndexOrder(char a, char b, char c) {
        this.positions = new char[] {a, b, c};
    }

    /** The position ('s', 'p' or 'o') at rank {@code i} (0, 1, 2) of the sort order. */
    public char position(int i) {
        return positions[i];
    }

    /** Which index answers a pattern with these positions bound, and how. */
    public static IndexOrder forPattern(boolean s, boolean p, boolean o) {
        if (s) {
            return p || !o ? SPO : OSP;
        }
        if (p) {
            return POS;
        }
        return o ? OSP : SPO;
    }
}
