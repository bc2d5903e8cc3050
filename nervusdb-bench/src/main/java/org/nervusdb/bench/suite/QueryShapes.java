package org.nervusdb.bench.suite;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data set and queries of the query-shapes workloads: SPARQL shapes whose work can easily grow
 * with the square of their input or with the whole graph rather than with what they read. One
 * graph holds four parts, all sized by the scale {@code K} (the largest number of keys; 40,000
 * for the published figures, a few hundred for tests), written in this order:
 *
 * <ol>
 * <li><b>Groupings</b>, in four tiers of {@code K/8}, {@code K/4}, {@code K/2} and {@code K}
 * keys, each with its own predicates ({@code in5000}, {@code out5000}, {@code key5000}): key
 * {@code i} of a tier is a node {@code v_i} with one to three {@code in} subjects
 * ({@code i % 3 + 1}), one to four {@code out} subjects ({@code i % 4 + 1}) unless
 * {@code i % 10 == 9} (no {@code out} at all), and a {@code key} {@code k_i}. The queries join
 * two GROUP BY subqueries on their key, once with the key the node itself and once with the key
 * reached through an OPTIONAL ({@code ?x <in> ?v OPTIONAL { ?v <key> ?k }}).</li>
 * <li><b>A sparse path</b>: {@code max(4, K/400)} chains of nine nodes linked by
 * {@code sparse} (eight edges each; every fourth chain closed into a cycle by a ninth edge), 800
 * edges at {@code K = 40,000} in a graph of about 670,000 triples. The queries walk
 * {@code sparse+}, {@code sparse*} and {@code ^sparse+} with both ends free.</li>
 * <li><b>A nested OPTIONAL</b>: {@code max(400, 5K/4)} nodes {@code n_i <p> m_i}, and
 * {@code m_i <q> r_i <q> t_i} unless {@code i % 4 == 3}; 100 of the {@code n_i} (evenly spread,
 * a quarter of them without the {@code q} chain) and 10 nodes without {@code p} have {@code rdf:type <Left>} and a {@code name}. The query
 * is {@code ?x a <Left> OPTIONAL { ?x <p> ?y OPTIONAL { ?y <q>+ ?z } }}: few left solutions, many
 * nodes matching the inside.</li>
 * <li><b>MINUS</b>: {@code 2K} subjects {@code u_i <a> w_i}, {@code u_i <b> z_i} unless
 * {@code i % 3 == 0}, and {@code K/2} further subjects with only {@code b}: both sides of
 * {@code ?x <a> ?v MINUS { ?x <b> ?w }} are large, a third of the left survives.</li>
 * </ol>
 *
 * IRIs are under {@value #NS}; everything is deterministic (no randomness at all).
 */
public final class QueryShapes {
    public static final String NS = "http://shapes.example/";
    static final String TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    /** Chain length (edges) of the sparse path. */
    static final int CHAIN = 8;
    static final int LEFT = 100;
    static final int LONELY = 10;

    /** One query of the family: a workload name (with its sizes) and its SPARQL text. */
    public record Query(String name, String sparql) {
    }

    private QueryShapes() {
    }

    /** The key counts of the four grouping tiers. */
    static long[] tiers(long k) {
        return new long[] {Math.max(1, k / 8), Math.max(1, k / 4), Math.max(1, k / 2), Math.max(1, k)};
    }

    static long chains(long k) {
        return Math.max(4, k / 400);
    }

    static long nested(long k) {
        return Math.max(4 * LEFT, 5 * k / 4);
    }

    static long minusLeft(long k) {
        return 2 * k;
    }

    static long minusRightOnly(long k) {
        return k / 2;
    }

    private static String iri(String local) {
        return "<" + NS + local + ">";
    }

    /** Writes the data set of scale {@code k} as N-Triples; returns the number of lines. */
    public static long write(Writer w, long k) throws IOException {
        if (k < 8) {
            throw new IllegalArgumentException("the query shapes need a scale of at least 8 keys: " + k);
        }
        long lines = 0;
        for (long t : tiers(k)) {
            String in = iri("in" + t);
            String out = iri("out" + t);
            String key = iri("key" + t);
            String tier = "g" + t + "/";
            for (long i = 0; i < t; i++) {
                String v = iri(tier + "v" + i);
                for (long j = 0; j <= i % 3; j++) {
                    lines += line(w, iri(tier + "x" + i + "_" + j), in, v);
                }
                if (i % 10 != 9) {
                    for (long j = 0; j <= i % 4; j++) {
                        lines += line(w, iri(tier + "y" + i + "_" + j), out, v);
                    }
                }
                lines += line(w, v, key, iri(tier + "k" + i));
            }
        }
        String sparse = iri("sparse");
        for (long c = 0; c < chains(k); c++) {
            for (int n = 0; n < CHAIN; n++) {
                lines += line(w, iri("c" + c + "/" + n), sparse, iri("c" + c + "/" + (n + 1)));
            }
            if (c % 4 == 0) {
                lines += line(w, iri("c" + c + "/" + CHAIN), sparse, iri("c" + c + "/0"));
            }
        }
        long nodes = nested(k);
        long step = nodes / LEFT;
        String p = iri("p");
        String q = iri("q");
        String left = iri("Left");
        String type = "<" + TYPE + ">";
        String name = iri("name");
        for (long i = 0; i < nodes; i++) {
            lines += line(w, iri("n" + i), p, iri("m" + i));
            if (i % 4 != 3) {
                lines += line(w, iri("m" + i), q, iri("r" + i));
                lines += line(w, iri("r" + i), q, iri("t" + i));
            }
            long j = i / step;
            if (j < LEFT && i == j * step + j % 4) {
                lines += line(w, iri("n" + i), type, left);
                lines += line(w, iri("n" + i), name, "\"left " + i + "\"");
            }
        }
        for (int j = 0; j < LONELY; j++) {
            lines += line(w, iri("lonely" + j), type, left);
            lines += line(w, iri("lonely" + j), name, "\"lonely " + j + "\"@en");
        }
        String a = iri("a");
        String b = iri("b");
        for (long i = 0; i < minusLeft(k); i++) {
            lines += line(w, iri("u" + i), a, iri("w" + i));
            if (i % 3 != 0) {
                lines += line(w, iri("u" + i), b, iri("z" + i));
            }
        }
        for (long j = 0; j < minusRightOnly(k); j++) {
            lines += line(w, iri("bonly" + j), b, iri("z" + j));
        }
        return lines;
    }

    private static int line(Writer w, String s, String p, String o) throws IOException {
        w.write(s);
        w.write(' ');
        w.write(p);
        w.write(' ');
        w.write(o);
        w.write(" .\n");
        return 1;
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String grouping(String pattern, String var) {
        return "{ SELECT ?k (COUNT(?" + var + ") AS ?" + (var.equals("x") ? "in" : "out") + ") WHERE { " + pattern + " } GROUP BY ?k }";
    }

    /** The queries on the data set of scale {@code k}, in the order they run. */
    public static List<Query> queries(long k) {
        List<Query> out = new ArrayList<>();
        for (long t : tiers(k)) {
            out.add(new Query("groupings join, " + n(t) + " keys", "SELECT ?k ?in ?out WHERE { "
                    + grouping("?x " + iri("in" + t) + " ?k", "x") + " " + grouping("?y " + iri("out" + t) + " ?k", "y") + " }"));
        }
        for (long t : tiers(k)) {
            String key = iri("key" + t);
            out.add(new Query("groupings join via OPTIONAL, " + n(t) + " keys", "SELECT ?k ?in ?out WHERE { "
                    + grouping("?x " + iri("in" + t) + " ?v OPTIONAL { ?v " + key + " ?k }", "x") + " "
                    + grouping("?y " + iri("out" + t) + " ?v OPTIONAL { ?v " + key + " ?k }", "y") + " }"));
        }
        String sparse = iri("sparse");
        String edges = n(chains(k) * CHAIN + (chains(k) + 3) / 4);
        out.add(new Query("path sparse+ pairs (" + edges + " edges)", "SELECT ?a ?b WHERE { ?a " + sparse + "+ ?b }"));
        out.add(new Query("path sparse+ COUNT", "SELECT (COUNT(*) AS ?n) WHERE { ?a " + sparse + "+ ?b }"));
        out.add(new Query("path sparse+ ASK", "ASK { ?a " + sparse + "+ ?b }"));
        out.add(new Query("path sparse* COUNT", "SELECT (COUNT(*) AS ?n) WHERE { ?a " + sparse + "* ?b }"));
        out.add(new Query("path ^sparse+ COUNT", "SELECT (COUNT(*) AS ?n) WHERE { ?a ^" + sparse + "+ ?b }"));
        out.add(new Query("nested OPTIONAL with a path (" + n(LEFT + LONELY) + " left, " + n(nested(k)) + " inside)",
                "SELECT * WHERE { ?x a " + iri("Left") + " OPTIONAL { ?x " + iri("p") + " ?y OPTIONAL { ?y " + iri("q") + "+ ?z } } }"));
        long right = minusLeft(k) - (minusLeft(k) + 2) / 3 + minusRightOnly(k);
        out.add(new Query("MINUS (" + n(minusLeft(k)) + " left, " + n(right) + " right)",
                "SELECT ?x WHERE { ?x " + iri("a") + " ?v MINUS { ?x " + iri("b") + " ?w } }"));
        return out;
    }
}
