package org.nervusdb.engine;

/**
 * Names of the files in a database directory. Only names of these exact shapes are ever opened,
 * so a damaged manifest cannot make the engine touch a path outside the directory.
 */
public final class FileNames {
    public static final String MANIFEST = "MANIFEST";
    public static final String MANIFEST_TMP = "MANIFEST.tmp";
    public static final String LOCK = "LOCK";

    private FileNames() {
    }

    public static String wal(long number) {
        return pad(number) + ".wal";
    }

    public static String table(long number) {
        return pad(number) + ".sst";
    }

    private static String pad(long number) {
        String s = Long.toString(number);
        StringBuilder sb = new StringBuilder();
        for (int i = s.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }

    /**
     * A temporary file of a bulk load: {@code bulk-LOAD-NAME.tmp}. No manifest ever names one;
     * the load deletes its files when it ends, and every open deletes any left by a crash.
     */
    public static String bulkTemp(long load, String name) {
        return "bulk-" + pad(load) + "-" + name + ".tmp";
    }

    /** Whether {@code name} is a bulk load's temporary file. */
    public static boolean isBulkTemp(String name) {
        return name.startsWith("bulk-") && name.endsWith(".tmp");
    }

    /** The number of a canonical {@code NNNNNN.wal} name, or -1 if {@code name} is not one. */
    public static long walNumber(String name) {
        return number(name, ".wal");
    }

    /** The number of a canonical {@code NNNNNN.sst} name, or -1 if {@code name} is not one. */
    public static long tableNumber(String name) {
        return number(name, ".sst");
    }

    private static long number(String name, String suffix) {
        if (!name.endsWith(suffix)) {
            return -1;
        }
        String digits = name.substring(0, name.length() - suffix.length());
        if (digits.length() < 6 || digits.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        // Only the canonical spelling: "0000007.wal" is not log 7, whose name is "000007.wal".
        return digits.length() > 6 && digits.charAt(0) == '0' ? -1 : v;
    }
}
