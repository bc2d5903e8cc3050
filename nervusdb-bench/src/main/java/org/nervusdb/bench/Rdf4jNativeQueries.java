package org.nervusdb.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.rdf4j.query.TupleQuery;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.nervusdb.NervusDB;
import org.nervusdb.Options;
import org.nervusdb.Triple;
import org.nervusdb.rdf.RdfTerms;
import org.nervusdb.rdf4j.NervusSail;

/**
 * SPARQL SELECT queries through RDF4J's Repository API on a {@link NervusSail}, answered by
 * NervusDB's own engine and by RDF4J's evaluation strategy over the sail's statements (native
 * queries turned off), on the same in-memory database of {@link SocialGraph} people (IRIs under
 * {@value #NS}). Each query is read to its end, both prepared and evaluated each time and
 * prepared once and evaluated; after warm-up rounds the engines alternate, and the median time
 * of each is printed with their ratio and the number of solutions (the same for all, checked).
 * Usage: {@code java -cp benchmarks.jar org.nervusdb.bench.Rdf4jNativeQueries [PEOPLE] [ROUNDS] [WARMUP]}.
 */
public final class Rdf4jNativeQueries {
    static final String NS = "http://bench.example/";

    private Rdf4jNativeQueries() {
    }

    private static String iri(String term) {
        return RdfTerms.isLiteral(term) ? term : NS + term;
    }

    private static long run(RepositoryConnection c, String q) {
        long n = 0;
        try (TupleQueryResult r = c.prepareTupleQuery(q).evaluate()) {
            while (r.hasNext()) {
                r.next();
                n++;
            }
        }
        return n;
    }

    private static long count(TupleQuery q) {
        long n = 0;
        try (TupleQueryResult r = q.evaluate()) {
            while (r.hasNext()) {
                r.next();
                n++;
            }
        }
        return n;
    }

    public static void main(String[] args) {
        long people = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        String p = "PREFIX : <" + NS + ">\n";
        String[][] queries = {
            {"point lookup (2 patterns, 1 subject)", p + "SELECT ?n ?a WHERE { :person42 :name ?n ; :age ?a }"},
            {"2-hop join, COUNT", p + "SELECT (COUNT(*) AS ?c) WHERE { :person7 :knows ?f . ?f :knows ?ff }"},
            {"star join + FILTER", p + "SELECT ?x ?a WHERE { ?x :livesIn :city3 ; :age ?a ; :worksAt ?w FILTER (?a > 40) }"},
            {"GROUP BY + COUNT over all people", p + "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x :livesIn ?c } GROUP BY ?c"},
            {"LIMIT over a large join", p + "SELECT ?x ?f WHERE { ?x :knows ?f . ?f :livesIn ?c } LIMIT 100"},
            {"OPTIONAL", p + "SELECT ?x ?w WHERE { ?x :livesIn :city5 OPTIONAL { ?x :worksAt ?w . ?w :name ?wn } }"},
            {"friends in the same city (cyclic join)",
                p + "SELECT (COUNT(*) AS ?c) WHERE { ?x :livesIn :city9 . ?x :knows ?y . ?y :livesIn :city9 }"},
        };
        try (NervusDB db = NervusDB.openInMemory(Options.defaults())) {
            for (long from = 0; from < people; from += 2000) {
                List<Triple> batch = new ArrayList<>();
                for (Triple t : SocialGraph.batch(from, Math.min(people, from + 2000), people)) {
                    batch.add(Triple.of(iri(t.subject()), iri(t.predicate()), iri(t.object())));
                }
                db.addAll(batch);
            }
            NervusSail sail = new NervusSail(db);
            SailRepository repo = new SailRepository(sail);
            try (RepositoryConnection c = repo.getConnection()) {
                System.out.printf(Locale.ROOT, "%d people, %d triples, %d rounds after %d warm-up rounds (median ms per query)%n",
                        people, db.count(null, null, null), rounds, warmup);
                System.out.printf(Locale.ROOT, "%-40s %9s | %9s %9s %6s | %9s %9s %6s%n", "query", "solutions",
                        "NervusDB", "RDF4J", "ratio", "NervusDB", "RDF4J", "ratio");
                System.out.printf(Locale.ROOT, "%-40s %9s | %-26s | %-26s%n", "", "", "prepared and evaluated", "evaluated (prepared once)");
                for (String[] q : queries) {
                    sail.setNativeQueries(true);
                    TupleQuery natQ = c.prepareTupleQuery(q[1]);
                    sail.setNativeQueries(false);
                    TupleQuery refQ = c.prepareTupleQuery(q[1]);
                    double[][] t = new double[4][rounds];
                    long[] n = new long[4];
                    for (int i = -warmup; i < rounds; i++) {
                        for (int k = 0; k < 4; k++) {
                            boolean natively = k % 2 == 0;
                            sail.setNativeQueries(natively);
                            long before = sail.nativeQueryCount();
                            long t0 = System.nanoTime();
                            n[k] = k < 2 ? run(c, q[1]) : count(natively ? natQ : refQ);
                            double ms = (System.nanoTime() - t0) / 1e6;
                            if (natively != (sail.nativeQueryCount() == before + 1)) {
                                throw new IllegalStateException("wrong engine for " + q[0]);
                            }
                            if (i >= 0) {
                                t[k][i] = ms;
                            }
                        }
                    }
                    if (n[0] != n[1] || n[2] != n[3] || n[0] != n[2]) {
                        throw new IllegalStateException(q[0] + ": solutions differ " + Arrays.toString(n));
                    }
                    double a = median(t[0]);
                    double b = median(t[1]);
                    double pa = median(t[2]);
                    double pb = median(t[3]);
                    System.out.printf(Locale.ROOT, "%-40s %9d | %9.3f %9.3f %5.1fx | %9.3f %9.3f %5.1fx%n", q[0], n[0], a, b, b / a,
                            pa, pb, pb / pa);
                }
            }
            repo.shutDown();
        }
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
