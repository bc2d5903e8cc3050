package org.nervusdb.testing;

/** Seeds for randomized tests: fixed by -Dnervusdb.seed=N to replay, else derived from the clock. */
public final class Seeds {
    private Seeds() {
    }

    public static long base() {
        String s = System.getProperty("nervusdb.seed");
        return s != null ? Long.parseLong(s) : System.nanoTime();
    }

    /** Multiplier for loop counts of heavy tests, from -Dnervusdb.test.scale (default 1). */
    public static int scale() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty("nervusdb.test.scale", "1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
