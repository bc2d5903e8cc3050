package org.nervusdb.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.nervusdb.Quad;
import org.nervusdb.QueryResult;
import org.nervusdb.QuerySyntaxException;
import org.nervusdb.engine.StoreOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.Sparql;

/**
 * Runs the W3C SPARQL test suites against a {@link QueryEngine}.
 *
 * <p>For each manifest entry it first decides, from the manifest and the query text alone,
 * whether the test is in scope (see {@link #notApplicable}); then the harness reads the query, the
 * expected result and the data; then the engine's part (load a fresh in-memory store, parse or run
 * the query, read the answer) runs on a worker thread under a timeout; then the answer is
 * compared ({@link ResultComparison}). An update evaluation test runs its request on a store
 * loaded with the graph store before it and compares the store after it ({@link UpdateEvaluation}).
 * Every entry ends with exactly one {@link Outcome}.
 */
final class ConformanceRunner {

    /** Settings; the defaults come from system properties (see docs/CONFORMANCE.md). */
    static final class Options {
        /** Longest time one test may take. */
        Duration timeout = Duration.ofSeconds(Long.getLong("nervusdb.conformance.timeout", 10));
        /** Longest time the whole run may take; tests after it are errors ("not run"). */
        Duration budget = Duration.ofSeconds(Long.getLong("nervusdb.conformance.budget", 600));
        /**
         * Optional features (mf:requires) the engine claims, as IRIs or mf: names. Tests that
         * require others are not applicable.
         */
        Set<String> features = new HashSet<>(Arrays.asList(
                System.getProperty("nervusdb.conformance.features", "").split("[,\\s]+")));
        /** If set, only tests whose label (category/name) or IRI matches are run. */
        Pattern filter = System.getProperty("nervusdb.conformance.filter", "").isEmpty() ? null
                : Pattern.compile(System.getProperty("nervusdb.conformance.filter"));
    }

    /** Everything a run found and did. */
    static final class Run {
        final List<Outcome> outcomes = new ArrayList<>();
        final List<ManifestReader.Result> suites = new ArrayList<>();
        String suiteVersion;
        String engine;
        Options options;
        long millis;
        int abandonedThreads;
    }

    /**
     * Tests of the 1.0 suite whose expected results hold only under RDF 1.0, where a simple
     * literal {@code "abc"} and {@code "abc"^^xsd:string} are different terms. In RDF 1.1, and in
     * NervusDB's stored terms ({@code RdfTerms}), they are one term, so no store that follows
     * RDF 1.1 can give these answers.
     */
    private static final String RDF10_STRING = "RDF 1.0 semantics: expects \"abc\" and \"abc\"^^xsd:string as two distinct values";
    private static final String SPARQL10_DECIMAL = "SPARQL 1.0 grammar: reads '123.' as a decimal, which SPARQL 1.1's DECIMAL"
            + " ([0-9]* '.' [0-9]+) reads as an integer followed by '.'";

    /**
     * Tests whose expected answers depend on RDF 1.0 or SPARQL 1.0 rules that SPARQL 1.1 over
     * RDF 1.1 changed, or that contradict another test of the suite.
     */
    private static final Map<String, String> RDF_10_ONLY = Map.ofEntries(
            Map.entry(Suite.SPARQL_10.officialBase + "distinct/manifest#distinct-2", RDF10_STRING),
            Map.entry(Suite.SPARQL_10.officialBase + "distinct/manifest#distinct-9", RDF10_STRING),
            Map.entry(Suite.SPARQL_11.officialBase + "functions/manifest#strdt03",
                    "RDF 1.0 semantics: expects STRDT to refuse \"abc\"^^xsd:string but accept \"abc\", one term in RDF 1.1"),
            Map.entry(Suite.SPARQL_11.officialBase + "functions/manifest#strlang03",
                    "RDF 1.0 semantics: expects STRLANG to refuse \"abc\"^^xsd:string but accept \"abc\", one term in RDF 1.1"),
            Map.entry(Suite.SPARQL_11.officialBase + "functions/manifest#plus-1",
                    "RDF 1.0 semantics: its ORDER BY places \"1\" and \"1\"^^xsd:string apart, one term in RDF 1.1"),
            Map.entry(Suite.SPARQL_11.officialBase + "functions/manifest#plus-2",
                    "RDF 1.0 semantics: its ORDER BY places \"1\" and \"1\"^^xsd:string apart, one term in RDF 1.1"),
            Map.entry(Suite.SPARQL_10.officialBase + "basic/manifest#term-6", SPARQL10_DECIMAL),
            Map.entry(Suite.SPARQL_10.officialBase + "basic/manifest#term-7", SPARQL10_DECIMAL),
            Map.entry(Suite.SPARQL_10.officialBase + "syntax-sparql1/manifest#syntax-lit-08", SPARQL10_DECIMAL),
            Map.entry(Suite.SPARQL_10.officialBase + "optional-filter/manifest#dawg-optional-filter-005-simplified",
                    "contradicts dawg-optional-filter-005-not-simplified (same query and data, the other answer),"
                            + " whose reading SPARQL 1.1 keeps"));

    /** Largest SELECT result the harness reads; the suite's expected results are far smaller. */
    private static final int MAX_ROWS = 100_000;

    private final QueryEngine engine;
    private final Options options;
    private ExecutorService worker;
    private int abandonedThreads;

    ConformanceRunner(QueryEngine engine, Options options) {
        this.engine = engine;
        this.options = options;
    }

    Run run() throws IOException {
        long start = System.nanoTime();
        Run run = new Run();
        run.suiteVersion = SuiteFiles.version();
        run.engine = engine.toString();
        run.options = options;
        long deadline = start + options.budget.toNanos();
        worker = newWorker();
        try {
            for (Suite suite : Suite.values()) {
                ManifestReader.Result manifests = ManifestReader.read(suite);
                run.suites.add(manifests);
                for (TestCase t : manifests.tests) {
                    if (options.filter != null && !options.filter.matcher(t.label()).find()
                            && !options.filter.matcher(t.iri).find()) {
                        continue;
                    }
                    if (System.nanoTime() > deadline) {
                        run.outcomes.add(new Outcome(t, Outcome.Status.ERROR,
                                "not run: the run's time budget of " + options.budget.toSeconds() + " s was used up", 0));
                    } else {
                        run.outcomes.add(runTest(t));
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        run.abandonedThreads = abandonedThreads;
        run.millis = (System.nanoTime() - start) / 1_000_000;
        return run;
    }

    private Outcome runTest(TestCase t) {
        long start = System.nanoTime();
        if ("Withdrawn".equals(t.approval) || "NotApproved".equals(t.approval)) {
            return new Outcome(t, Outcome.Status.UNAPPROVED, "dawgt:" + t.approval, 0);
        }
        String na = notApplicable(t);
        if (na != null) {
            return new Outcome(t, Outcome.Status.NOT_APPLICABLE, na, 0);
        }
        try {
            return prepareAndRun(t, start);
        } catch (IOException | RuntimeException e) {
            return new Outcome(t, Outcome.Status.ERROR, "harness: " + describe(e), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Why a test is out of scope, judged from the manifest alone, or null if it is in scope.
     * Reasons read "class: detail"; the reports group them by class.
     */
    private String notApplicable(TestCase t) {
        switch (t.type) {
            case "QueryEvaluationTest":
            case "PositiveSyntaxTest":
            case "NegativeSyntaxTest":
            case "PositiveSyntaxTest11":
            case "NegativeSyntaxTest11":
            case "PositiveUpdateSyntaxTest11":
            case "NegativeUpdateSyntaxTest11":
            case "CSVResultFormatTest":
            case "UpdateEvaluationTest":
                break;
            case "ProtocolTest":
                return "protocol: SPARQL over HTTP";
            case "ServiceDescriptionTest":
                return "service description: SPARQL over HTTP";
            default:
                return "test type: " + t.type;
        }
        for (String feature : t.requires) {
            if (!options.features.contains(feature) && !options.features.contains(Vocab.shortName(feature))) {
                return "optional feature: " + Vocab.shortName(feature)
                        + " (enable with -Dnervusdb.conformance.features=" + Vocab.shortName(feature) + ")";
            }
        }
        if (t.queryIri == null) {
            return "test type: " + t.type + " without a query";
        }
        if (RDF_10_ONLY.containsKey(t.iri)) {
            return RDF_10_ONLY.get(t.iri);
        }
        if (!t.type.equals("QueryEvaluationTest") && !t.type.equals("CSVResultFormatTest")) {
            return null;
        }
        if (t.entailment) {
            return "entailment regime: RDF, RDFS, D or OWL entailment";
        }
        if (t.serviceData) {
            return "federation: qt:serviceData (SERVICE endpoints)";
        }
        return null;
    }

    /** Reads the test's files, runs the engine's part under the timeout, and judges the answer. */
    private Outcome prepareAndRun(TestCase t, long start) throws IOException {
        String queryResource = resource(t, t.queryIri);
        String query = new String(SuiteFiles.read(queryResource), StandardCharsets.UTF_8);
        Callable<Outcome> task;
        if (t.type.equals("UpdateEvaluationTest")) {
            if (QueryText.of(query).usesService) {
                return notApplicable(t, "federation: SERVICE in the request", start);
            }
            if (t.updateAfter == null) {
                throw new IOException("no mf:result");
            }
            for (TestCase.GraphStore s : Arrays.asList(t.updateBefore, t.updateAfter)) {
                if (s.result != null && !s.result.equalsIgnoreCase(Vocab.UT + "success")) {
                    throw new IOException("ut:result " + s.result + ": the harness knows only ut:success");
                }
            }
            UpdateEvaluation.State before = UpdateEvaluation.read(t.suite, t.updateBefore);
            UpdateEvaluation.State expected = UpdateEvaluation.read(t.suite, t.updateAfter);
            task = () -> evaluateUpdate(t, query, before, expected, start);
        } else if (t.type.contains("SyntaxTest")) {
            boolean positive = t.type.startsWith("Positive");
            // The update syntax tests, and the negative syntax tests whose request is an update (.ru).
            boolean update = t.type.contains("Update") || t.queryIri.endsWith(".ru");
            task = () -> syntax(t, query, positive, update, start);
        } else {
            QueryText text = QueryText.of(query);
            if (text.usesService) {
                return notApplicable(t, "federation: SERVICE in the query", start);
            }
            if (t.resultIri == null) {
                throw new IOException("no mf:result");
            }
            String resultResource = resource(t, t.resultIri);
            // The files a query names in FROM and FROM NAMED are loaded as named graphs of that name.
            List<String> graphs = new ArrayList<>(t.graphDataIris);
            try {
                org.nervusdb.query.algebra.Query parsed = Sparql.parse(query, t.queryIri);
                for (List<String> names : java.util.Arrays.asList(parsed.from, parsed.fromNamed)) {
                    for (String g : names == null ? java.util.Collections.<String>emptyList() : names) {
                        if (!graphs.contains(g) && t.suite.resourceOf(g) != null) {
                            graphs.add(g);
                        }
                    }
                }
            } catch (RuntimeException e) {
                // Reported when the query runs.
            }
            List<Quad> data = DatasetLoader.dataset(t.suite, t.dataIris, graphs);
            if ("CONSTRUCT".equals(text.form) || "DESCRIBE".equals(text.form)) {
                List<String[]> expected = ExpectedResults.graph(SuiteFiles.read(resultResource), resultResource, t.resultIri);
                task = () -> evaluateGraph(t, query, expected, data, start);
            } else if (t.type.equals("CSVResultFormatTest")) {
                String expected = new String(SuiteFiles.read(resultResource), StandardCharsets.UTF_8);
                task = () -> evaluateCsv(t, query, text, expected, data, start);
            } else {
                Solutions expected = ExpectedResults.read(t.resultIri, resultResource);
                if (expected == null) {
                    return notApplicable(t, "query form: the expected result is a graph", start);
                }
                task = () -> evaluate(t, query, text, expected, data, start);
            }
        }
        return underTimeout(t, task, start);
    }

    private static String resource(TestCase t, String iri) throws IOException {
        String r = t.suite.resourceOf(iri);
        if (r == null || !SuiteFiles.exists(r)) {
            throw new IOException("file not in the suite: " + iri);
        }
        return r;
    }

    private static Outcome notApplicable(TestCase t, String reason, long start) {
        return new Outcome(t, Outcome.Status.NOT_APPLICABLE, reason, (System.nanoTime() - start) / 1_000_000);
    }

    private Outcome underTimeout(TestCase t, Callable<Outcome> task, long start) {
        Future<Outcome> f = worker.submit(task);
        try {
            return f.get(options.timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The engine may not answer the interrupt; its thread (a daemon) is left behind and a
            // fresh worker takes over.
            f.cancel(true);
            worker.shutdownNow();
            abandonedThreads++;
            worker = newWorker();
            return new Outcome(t, Outcome.Status.ERROR, "timeout: no answer within " + options.timeout.toSeconds() + " s",
                    (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            return new Outcome(t, Outcome.Status.ERROR, "harness: " + describe(e.getCause()),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "sparql-conformance-worker");
            th.setDaemon(true);
            return th;
        });
    }

    /**
     * A positive test passes if the query (or update request) parses, a negative one if parsing
     * throws QuerySyntaxException.
     */
    private Outcome syntax(TestCase t, String query, boolean positive, boolean update, long start) {
        Outcome.Status status;
        String reason = "";
        try {
            if (update) {
                engine.parseUpdate(query, t.queryIri);
            } else {
                engine.parse(query, t.queryIri);
            }
            status = positive ? Outcome.Status.PASS : Outcome.Status.FAIL;
            if (!positive) {
                reason = update ? "accepted an update request that is not valid SPARQL Update"
                        : "accepted a query that is not valid SPARQL";
            }
        } catch (QuerySyntaxException e) {
            status = positive ? Outcome.Status.FAIL : Outcome.Status.PASS;
            if (positive) {
                reason = "rejected valid SPARQL: " + e.getMessage();
            }
        } catch (Throwable e) {
            status = Outcome.Status.ERROR;
            reason = describe(e);
        }
        return new Outcome(t, status, reason, (System.nanoTime() - start) / 1_000_000);
    }

    /** Loads the data into a fresh in-memory store, runs the query, and compares the answer. */
    private Outcome evaluate(TestCase t, String query, QueryText text, Solutions expected, List<Quad> data, long start) {
        Outcome.Status status;
        String reason;
        try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
            store.addQuads(data);
            Answer answer;
            try (QueryResult result = engine.execute(store, query, t.queryIri)) {
                answer = Answer.read(result, MAX_ROWS);
            }
            reason = ResultComparison.compare(expected, answer.solutions(), text, t.laxCardinality);
            if (reason == null) {
                reason = WriterChecks.selectOrAsk(engine, answer, expected, text, t.laxCardinality);
            }
            status = reason == null ? Outcome.Status.PASS : Outcome.Status.FAIL;
        } catch (WrongAnswer e) {
            status = Outcome.Status.FAIL;
            reason = e.getMessage();
        } catch (Throwable e) {
            status = Outcome.Status.ERROR;
            reason = describe(e);
        }
        return new Outcome(t, status, reason, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Loads the data, runs a CONSTRUCT or DESCRIBE query, and compares its graph with the
     * expected one up to blank node renaming; then the graph writers' documents.
     */
    private Outcome evaluateGraph(TestCase t, String query, List<String[]> expected, List<Quad> data, long start) {
        Outcome.Status status;
        String reason;
        try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
            store.addQuads(data);
            Answer answer;
            try (QueryResult result = engine.execute(store, query, t.queryIri)) {
                answer = Answer.read(result, MAX_ROWS);
            }
            reason = Isomorphism.difference(expected, answer.triples());
            if (reason == null) {
                reason = WriterChecks.graph(engine, answer, expected);
            }
            status = reason == null ? Outcome.Status.PASS : Outcome.Status.FAIL;
        } catch (WrongAnswer e) {
            status = Outcome.Status.FAIL;
            reason = e.getMessage();
        } catch (Throwable e) {
            status = Outcome.Status.ERROR;
            reason = describe(e);
        }
        return new Outcome(t, status, reason, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Loads the graph store before the request into a fresh in-memory store, runs the request,
     * and compares the whole store with the expected one ({@link UpdateEvaluation#difference}).
     */
    private Outcome evaluateUpdate(TestCase t, String request, UpdateEvaluation.State before, UpdateEvaluation.State expected,
            long start) {
        Outcome.Status status;
        String reason;
        try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
            UpdateEvaluation.load(store, before);
            engine.update(store, request, t.queryIri, UpdateEvaluation.loader(t.suite));
            reason = UpdateEvaluation.difference(expected, UpdateEvaluation.of(store));
            status = reason == null ? Outcome.Status.PASS : Outcome.Status.FAIL;
        } catch (Throwable e) {
            status = Outcome.Status.ERROR;
            reason = describe(e);
        }
        return new Outcome(t, status, reason, (System.nanoTime() - start) / 1_000_000);
    }

    /** A CSV result format test: the engine's answer written by its CSV writer, compared with the expected document. */
    private Outcome evaluateCsv(TestCase t, String query, QueryText text, String expected, List<Quad> data, long start) {
        Outcome.Status status;
        String reason;
        try (TripleStore store = TripleStore.openInMemory(new StoreOptions())) {
            store.addQuads(data);
            String csv;
            try (QueryResult result = engine.execute(store, query, t.queryIri)) {
                csv = engine.write(result, "CSV");
            }
            reason = WriterChecks.csvDifference(expected, csv, text.ordered());
            status = reason == null ? Outcome.Status.PASS : Outcome.Status.FAIL;
        } catch (Throwable e) {
            status = Outcome.Status.ERROR;
            reason = describe(e);
        }
        return new Outcome(t, status, reason, (System.nanoTime() - start) / 1_000_000);
    }

    /** An answer that cannot even be read as a result (a malformed term, too many rows, ...). */
    static final class WrongAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        WrongAnswer(String message) {
            super(message);
        }
    }

    /** The exception's class and message, and where in NervusDB it was thrown. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("org.nervusdb.") && !f.getClassName().startsWith("org.nervusdb.conformance.")) {
                sb.append(" (at ").append(f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1))
                        .append('.').append(f.getMethodName()).append(':').append(f.getLineNumber()).append(')');
                break;
            }
        }
        return sb.toString();
    }
}
