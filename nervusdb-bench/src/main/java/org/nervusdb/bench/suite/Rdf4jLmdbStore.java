package org.nervusdb.bench.suite;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.eclipse.rdf4j.common.transaction.IsolationLevel;
import org.eclipse.rdf4j.common.transaction.IsolationLevels;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.query.Binding;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.BooleanQuery;
import org.eclipse.rdf4j.query.GraphQuery;
import org.eclipse.rdf4j.query.GraphQueryResult;
import org.eclipse.rdf4j.query.Query;
import org.eclipse.rdf4j.query.QueryLanguage;
import org.eclipse.rdf4j.query.TupleQuery;
import org.eclipse.rdf4j.query.TupleQueryResult;
import org.eclipse.rdf4j.repository.RepositoryConnection;
import org.eclipse.rdf4j.repository.RepositoryResult;
import org.eclipse.rdf4j.repository.sail.SailRepository;
import org.eclipse.rdf4j.rio.ParserConfig;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.helpers.BasicParserSettings;
import org.eclipse.rdf4j.sail.lmdb.LmdbStore;
import org.eclipse.rdf4j.sail.lmdb.config.LmdbStoreConfig;

/**
 * Eclipse RDF4J's LMDB store ({@link LmdbStore} in a {@link SailRepository}) through its public
 * repository API.
 *
 * <p>Configuration ({@link #config}): {@code forceSync} on, so that every commit is synced to disk
 * before it returns (the store's default, off, opens LMDB with {@code MDB_NOSYNC}: commits are
 * not durable); triple indexes {@value #DEFAULT_INDEXES} (the default is {@code spoc,posc}; the
 * third index gives every one of the 8 pattern shapes an index prefix, like TDB2's SPO, POS and
 * OSP); LMDB map sizes of {@value #TRIPLE_DB_SIZE} bytes for the triple indexes and
 * {@value #VALUE_DB_SIZE} for the values, room for 10 million triples and more without growing
 * (LMDB maps the space but allocates file pages only as it writes; {@code autoGrow} stays on, as
 * by default, should a data set need more).
 *
 * <p>One {@link RepositoryConnection} per open store, used by one thread at a time (the suite's
 * single driver thread; NervusDB and TDB2 handles are thread-safe, this adapter is not). Every
 * call is a transaction on it:
 * <ul>
 * <li>{@link #bulkLoad}: {@link RepositoryConnection#add(InputStream, RDFFormat, Resource...)} of
 * the whole file in one transaction at isolation level {@link IsolationLevels#NONE}, with which the
 * LMDB store writes the statements straight into its LMDB transaction rather than collecting them
 * in an in-memory change set first (the default, {@code SNAPSHOT_READ}, would hold the whole file
 * on the heap until commit); the parser keeps blank node labels as given
 * ({@code PRESERVE_BNODE_IDS}, see {@link Rdf4jTerms}).</li>
 * <li>writes: one transaction each, default isolation ({@code SNAPSHOT_READ}), synced at commit.</li>
 * <li>{@link #match}: {@code getStatements(s, p, o, false)}, iterated and closed (the LMDB
 * connection resolves every value of every statement it returns).</li>
 * <li>{@link #select}: {@code prepareQuery(SPARQL, query).evaluate()}, every binding of every
 * solution read, iterated and closed (an ASK query's answer read).</li>
 * <li>{@link #size}: {@link RepositoryConnection#size}, which the LMDB store answers by iterating
 * every statement (resolving its values), not from a stored count.</li>
 * </ul>
 * Reads commit an empty transaction, which writes nothing.
 */
public final class Rdf4jLmdbStore implements Store {
    public static final String DEFAULT_INDEXES = "spoc,posc,ospc";
    public static final long TRIPLE_DB_SIZE = 16L << 30; // 16 GiB of address space
    public static final long VALUE_DB_SIZE = 8L << 30; // 8 GiB

    private final String tripleIndexes;
    private SailRepository repository;
    private RepositoryConnection conn;
    private Rdf4jTerms terms;
    private long charsRead;

    public Rdf4jLmdbStore() {
        this(DEFAULT_INDEXES);
    }

    /** A store with other triple indexes, such as RDF4J's default {@code "spoc,posc"}. */
    public Rdf4jLmdbStore(String tripleIndexes) {
        this.tripleIndexes = tripleIndexes;
    }

    /** The store configuration this adapter uses. */
    public static LmdbStoreConfig config(String tripleIndexes) {
        LmdbStoreConfig config = new LmdbStoreConfig(tripleIndexes);
        config.setForceSync(true);
        config.setTripleDBSize(TRIPLE_DB_SIZE);
        config.setValueDBSize(VALUE_DB_SIZE);
        config.setAutoGrow(true);
        return config;
    }

    @Override
    public String name() {
        return "RDF4J LMDB";
    }

    @Override
    public String notes() {
        return "forceSync on; indexes spoc, posc, ospc; bulk load in one transaction at isolation level NONE; a transaction per call";
    }

    @Override
    public String version() {
        return Versions.of(LmdbStore.class, "org.eclipse.rdf4j", "rdf4j-sail-lmdb");
    }

    @Override
    public void open(Path dir) throws Exception {
        Files.createDirectories(dir);
        SailRepository repo = new SailRepository(new LmdbStore(dir.toFile(), config(tripleIndexes)));
        repo.init();
        try {
            conn = repo.getConnection();
            conn.setParserConfig(new ParserConfig().set(BasicParserSettings.PRESERVE_BNODE_IDS, true));
        } catch (RuntimeException e) {
            repo.shutDown();
            throw e;
        }
        repository = repo;
        terms = new Rdf4jTerms(repo.getValueFactory());
    }

    private <T> T inTransaction(IsolationLevel level, Callable<T> body) throws Exception {
        if (level == null) {
            conn.begin();
        } else {
            conn.begin(level);
        }
        boolean done = false;
        try {
            T result = body.call();
            conn.commit();
            done = true;
            return result;
        } finally {
            if (!done && conn.isActive()) {
                conn.rollback();
            }
        }
    }

    @Override
    public void bulkLoad(Path ntriples) throws Exception {
        inTransaction(IsolationLevels.NONE, () -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(ntriples), 1 << 16)) {
                conn.add(in, RDFFormat.NTRIPLES);
            }
            return null;
        });
    }

    @Override
    public void addDurable(String s, String p, String o) throws Exception {
        Resource sv = terms.resource(s);
        IRI pv = terms.iri(p);
        Value ov = terms.value(o);
        inTransaction(null, () -> {
            conn.add(sv, pv, ov);
            return null;
        });
    }

    @Override
    public void addBatch(String[][] triples) throws Exception {
        Statement[] st = statements(triples);
        inTransaction(null, () -> {
            for (Statement x : st) {
                conn.add(x);
            }
            return null;
        });
    }

    @Override
    public void deleteBatch(String[][] triples) throws Exception {
        Statement[] st = statements(triples);
        inTransaction(null, () -> {
            for (Statement x : st) {
                conn.remove(x);
            }
            return null;
        });
    }

    private Statement[] statements(String[][] triples) {
        Statement[] st = new Statement[triples.length];
        for (int i = 0; i < triples.length; i++) {
            String[] t = triples[i];
            if (t[0] == null || t[1] == null || t[2] == null) {
                throw new IllegalArgumentException("a triple to write has no null terms");
            }
            st[i] = repository.getValueFactory().createStatement(terms.resource(t[0]), terms.iri(t[1]), terms.value(t[2]));
        }
        return st;
    }

    @Override
    public long match(String s, String p, String o) throws Exception {
        Resource sv = terms.resource(s);
        IRI pv = terms.iri(p);
        Value ov = terms.value(o);
        return inTransaction(null, () -> {
            long n = 0;
            long chars = 0;
            try (RepositoryResult<Statement> r = conn.getStatements(sv, pv, ov, false)) {
                while (r.hasNext()) {
                    // The store's values resolve their text on first use: read it, as a user would.
                    Statement st = r.next();
                    chars += st.getSubject().stringValue().length() + st.getPredicate().stringValue().length()
                            + st.getObject().stringValue().length();
                    n++;
                }
            }
            charsRead += chars;
            return n;
        });
    }

    @Override
    public long select(String sparql) throws Exception {
        return inTransaction(null, () -> {
            Query query = conn.prepareQuery(QueryLanguage.SPARQL, sparql);
            if (query instanceof BooleanQuery ask) {
                return ask.evaluate() ? 1L : 0L;
            }
            long n = 0;
            long chars = 0;
            if (query instanceof GraphQuery graph) {
                for (Statement st : triples(graph)) {
                    chars += st.getSubject().stringValue().length() + st.getPredicate().stringValue().length()
                            + st.getObject().stringValue().length();
                    n++;
                }
                charsRead += chars;
                return n;
            }
            try (TupleQueryResult r = ((TupleQuery) query).evaluate()) {
                while (r.hasNext()) {
                    BindingSet b = r.next();
                    for (Binding x : b) {
                        if (x.getValue() != null) {
                            chars += x.getValue().stringValue().length();
                        }
                    }
                    n++;
                }
            }
            charsRead += chars;
            return n;
        });
    }

    @Override
    public List<String> rows(String sparql) throws Exception {
        return inTransaction(null, () -> {
            Query query = conn.prepareQuery(QueryLanguage.SPARQL, sparql);
            if (query instanceof BooleanQuery ask) {
                return List.of(Boolean.toString(ask.evaluate()));
            }
            List<String> out = new ArrayList<>();
            if (query instanceof GraphQuery graph) {
                for (Statement st : triples(graph)) {
                    TreeMap<String, String> row = new TreeMap<>();
                    row.put("subject", Rdf4jTerms.term(st.getSubject()));
                    row.put("predicate", Rdf4jTerms.term(st.getPredicate()));
                    row.put("object", Rdf4jTerms.term(st.getObject()));
                    out.add(Store.row(row));
                }
                out.sort(null);
                return out;
            }
            try (TupleQueryResult r = ((TupleQuery) query).evaluate()) {
                while (r.hasNext()) {
                    TreeMap<String, String> row = new TreeMap<>();
                    for (Binding x : r.next()) {
                        if (x.getValue() != null) {
                            row.put(x.getName(), Rdf4jTerms.term(x.getValue()));
                        }
                    }
                    out.add(Store.row(row));
                }
            }
            out.sort(null);
            return out;
        });
    }

    /**
     * The triples of a CONSTRUCT or DESCRIBE query's answer, each once (RDF4J may give a triple
     * more than once; NervusDB and Jena give a set).
     */
    private static java.util.Set<Statement> triples(GraphQuery query) {
        java.util.Set<Statement> out = new java.util.LinkedHashSet<>();
        try (GraphQueryResult r = query.evaluate()) {
            for (Statement st : r) {
                out.add(st);
            }
        }
        return out;
    }

    @Override
    public long size() throws Exception {
        return inTransaction(null, () -> conn.size());
    }

    @Override
    public long charsRead() {
        return charsRead;
    }

    @Override
    public void close() {
        RepositoryConnection c = conn;
        SailRepository r = repository;
        conn = null;
        repository = null;
        terms = null;
        try {
            if (c != null) {
                if (c.isActive()) {
                    c.rollback();
                }
                c.close();
            }
        } finally {
            if (r != null) {
                r.shutDown();
            }
        }
    }
}
