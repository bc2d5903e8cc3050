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
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            a[k++] = c.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        }
        while (i < mid) {
            a[k++] = tmp[i++];
        }
        while (j < hi) {
            a[k++] = tmp[j++];
        }
    }
}
