package org.nervusdb.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * {@value #NS}). Each query is prepared, evaluated and read to its end; after warm-up rounds the
 * two engines alternate, and the median time of each is printed with their ratio and the number
 * of solutions (the same for both, checked).
 * Usage: {@code java -cp benchmarks.jar org.nervusdb.bench.Rdf4jNativeQueries [PEOPLE] [ROUNDS]}.
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

    public static void main(String[] args) {
        long people = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String p = "PREFIX : <" + NS + ">\n";
        String[][] queries = {
            {"point lookup (2 patterns, 1 subject)", p + "SELECT ?n ?a WHERE { :person42 :name ?n ; :age ?a }"},
            {"2-hop join, COUNT", p + "SELECT (COUNT(*) AS ?c) WHERE { :person7 :knows ?f . ?f :knows ?ff }"},
            {"star join + FILTER + ORDER BY/LIMIT",
                p + "SELECT ?x ?a WHERE { ?x :livesIn :city3 ; :age ?a ; :worksAt ?w FILTER (?a > 40) } ORDER BY DESC(?a) ?x LIMIT 10"},
            {"GROUP BY over all people", p + "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x :livesIn ?c } GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT 5"},
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
                System.out.printf(Locale.ROOT, "%d people, %d triples, %d rounds (median ms per query)%n", people,
                        db.count(null, null, null), rounds);
                System.out.printf(Locale.ROOT, "%-42s %10s %12s %10s %10s%n", "query", "solutions", "NervusDB", "RDF4J", "ratio");
                for (String[] q : queries) {
                    double[] nat = new double[rounds];
                    double[] ref = new double[rounds];
                    long nNat = 0;
                    long nRef = 0;
                    for (int w = 0; w < 3; w++) {
                        sail.setNativeQueries(true);
                        run(c, q[1]);
                        sail.setNativeQueries(false);
                        run(c, q[1]);
                    }
                    for (int i = 0; i < rounds; i++) {
                        sail.setNativeQueries(true);
                        long before = sail.nativeQueryCount();
                        long t0 = System.nanoTime();
                        nNat = run(c, q[1]);
                        nat[i] = (System.nanoTime() - t0) / 1e6;
                        if (sail.nativeQueryCount() != before + 1) {
                            throw new IllegalStateException("not run natively: " + q[0]);
                        }
                        sail.setNativeQueries(false);
                        t0 = System.nanoTime();
                        nRef = run(c, q[1]);
                        ref[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    if (nNat != nRef) {
                        throw new IllegalStateException(q[0] + ": " + nNat + " solutions natively, " + nRef + " by RDF4J");
                    }
                    double mn = median(nat);
                    double mr = median(ref);
                    System.out.printf(Locale.ROOT, "%-42s %10d %12.3f %10.3f %9.1fx%n", q[0], nNat, mn, mr, mr / mn);
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
