package org.nervusdb.engine;

/**
 * CRC-32C (Castagnoli, polynomial 0x82F63B78, reflected), as used by iSCSI, ext4 and LevelDB.
 * Table-driven with slicing-by-8; portable (no JDK intrinsic), so JVM and JavaScript builds
 * compute identical values. A runtime with a faster implementation of the same function can
 * {@link #install} it for {@link #compute} (the JVM module installs {@code java.util.zip.CRC32C},
 * which the JIT turns into the processor's CRC instructions).
 */
public final class Crc32c {
    /** CRC-32C of a byte range, from the start (as {@link #compute}). */
    @FunctionalInterface
    public interface Implementation {
        int compute(byte[] b, int off, int len);
    }

    private static volatile Implementation installed;

    private static final int[][] T = new int[8][256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            T[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            int c = T[0][n];
            for (int k = 1; k < 8; k++) {
                c = T[0][c & 0xff] ^ (c >>> 8);
                T[k][n] = c;
            }
        }
    }

    private Crc32c() {
    }

    /**
     * Makes {@link #compute} use {@code impl} for ranges of 64 bytes or more (null: the tables
     * only). It must compute this class's function; {@link #portable} checks one against it.
     */
    public static void install(Implementation impl) {
        installed = impl;
    }

    /** The CRC of a range by the portable tables, whatever is installed. */
    public static int portable(byte[] b, int off, int len) {
        return update(0, b, off, len);
    }

    public static int compute(byte[] b, int off, int len) {
        Implementation impl = installed;
        return impl != null && len >= 64 ? impl.compute(b, off, len) : update(0, b, off, len);
    }

    /** Continues a CRC: {@code update(compute(a), b)} equals the CRC of a followed by b. */
    public static int update(int crc, byte[] b, int off, int len) {
        int c = ~crc;
        int i = off;
        int end = off + len;
        int[] t0 = T[0], t1 = T[1], t2 = T[2], t3 = T[3], t4 = T[4], t5 = T[5], t6 = T[6], t7 = T[7];
        while (end - i >= 8) {
            int lo = c ^ ((b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24);
            c = t7[lo & 0xff] ^ t6[(lo >>> 8) & 0xff] ^ t5[(lo >>> 16) & 0xff] ^ t4[lo >>> 24]
                    ^ t3[b[i + 4] & 0xff] ^ t2[b[i + 5] & 0xff] ^ t1[b[i + 6] & 0xff] ^ t0[b[i + 7] & 0xff];
            i += 8;
        }
        while (i < end) {
            c = t0[(c ^ b[i++]) & 0xff] ^ (c >>> 8);
        }
        return ~c;
    }
}
