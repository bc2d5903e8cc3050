package org.nervusdb.engine;

/** A stable merge sort of int arrays under a custom comparator, without boxing. */
final class IntSort {
    interface Comparator {
        int compare(int a, int b);
    }

    private IntSort() {
    }

    static void sort(int[] a, Comparator c) {
        if (a.length < 2) {
            return;
        }
        int[] tmp = new int[a.length];
        sortRange(a, tmp, 0, a.length, c);
    }

    /** Sorts {@code a[from..to)}, using {@code tmp} (at least as long as {@code a}) as scratch. */
    static void sort(int[] a, int[] tmp, int from, int to, Comparator c) {
        if (to - from < 2) {
            return;
        }
        sortRange(a, tmp, from, to, c);
    }

    private static void sortRange(int[] a, int[] tmp, int lo, int hi, Comparator c) {
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= lo && c.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        sortRange(a, tmp, lo, mid, c);
        sortRange(a, tmp, mid, hi, c);
        if (c.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        for (int k = lo, i = lo, j = mid; k < hi; k++) {
            a[k] = j >= hi || i < mid && c.compare(tmp[j], tmp[i]) >= 0 ? tmp[i++] : tmp[j++];
        }
    }

    /**
     * Sorts {@code v[lo..hi)} by {@code k[lo..hi)}, signed, moving both arrays together;
     * stable. {@code tk} and {@code tv} are scratch, at least {@code hi} long. No comparator
     * call per comparison, so it is the fast path where most order is decided by a number.
     */
    static void sortByKey(long[] k, int[] v, long[] tk, int[] tv, int lo, int hi) {
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                long x = k[i];
                int y = v[i];
                int j = i - 1;
                while (j >= lo && k[j] > x) {
                    k[j + 1] = k[j];
                    v[j + 1] = v[j];
                    j--;
                }
                k[j + 1] = x;
                v[j + 1] = y;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        sortByKey(k, v, tk, tv, lo, mid);
        sortByKey(k, v, tk, tv, mid, hi);
        if (k[mid - 1] <= k[mid]) {
            return;
        }
        System.arraycopy(k, lo, tk, lo, hi - lo);
        System.arraycopy(v, lo, tv, lo, hi - lo);
        for (int n = lo, i = lo, j = mid; n < hi; n++) {
            boolean left = j >= hi || i < mid && tk[i] <= tk[j];
            int from = left ? i++ : j++;
            k[n] = tk[from];
            v[n] = tv[from];
        }
    }
}
