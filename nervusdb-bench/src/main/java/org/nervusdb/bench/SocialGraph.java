package org.nervusdb.bench;

import java.util.ArrayList;
import java.util.List;
import org.nervusdb.Triple;
import org.nervusdb.rdf.RdfTerms;

/**
 * A deterministic social graph for the query benchmarks. Person {@code i} (IRI {@code person<i>})
 * has {@code type Person}, a {@code name} literal, an {@code age} (xsd:integer 18..80), a city
 * ({@code livesIn}, one of {@link #CITIES}), an employer ({@code worksAt}, one of
 * {@link #COMPANIES}) and 5 to 20 {@code knows} links: half to people with nearby numbers,
 * half skewed towards low numbers, so early people are hubs with many followers. About 17.5
 * triples per person; 600,000 people make about 10.4 million triples.
 */
public final class SocialGraph {
    public static final int CITIES = 1000;
    public static final int COMPANIES = 20_000;
    private static final String INTEGER = RdfTerms.XSD + "integer";

    private SocialGraph() {
    }

    public static String person(long i) {
        return "person" + i;
    }

    public static String city(long i) {
        return "city" + i;
    }

    public static String company(long i) {
        return "company" + i;
    }

    /** A well-mixed 64-bit hash of {@code x} (SplitMix64's finaliser). */
    public static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    static int cityOf(long i) {
        return (int) Long.remainderUnsigned(mix(i * 3 + 1), CITIES);
    }

    /** The triples of persons {@code from} (inclusive) to {@code to} (exclusive) among {@code people}. */
    public static List<Triple> batch(long from, long to, long people) {
        List<Triple> out = new ArrayList<>((int) ((to - from) * 18));
        for (long i = from; i < to; i++) {
            String p = person(i);
            out.add(Triple.of(p, "type", "Person"));
            out.add(Triple.of(p, "name", RdfTerms.literal("Person " + i)));
            out.add(Triple.of(p, "age", RdfTerms.literal(Long.toString(18 + Long.remainderUnsigned(mix(i * 3 + 2), 63)), null, INTEGER)));
            out.add(Triple.of(p, "livesIn", city(cityOf(i))));
            out.add(Triple.of(p, "worksAt", company(Long.remainderUnsigned(mix(i * 3 + 3), COMPANIES))));
            long h = mix(i);
            int friends = 5 + (int) Long.remainderUnsigned(h, 16);
            for (int k = 0; k < friends; k++) {
                long r = mix(h + k + 1);
                long j;
                if ((k & 1) == 0) {
                    j = i + 1 + Long.remainderUnsigned(r, 50); // a neighbour
                } else {
                    double u = (r >>> 11) * 0x1.0p-53;
                    j = (long) (u * u * u * people); // skewed towards low numbers: hubs
                }
                j = Math.floorMod(j, people);
                if (j != i) {
                    out.add(Triple.of(p, "knows", person(j)));
                }
            }
        }
        return out;
    }
}
