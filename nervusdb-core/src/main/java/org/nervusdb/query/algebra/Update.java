package org.nervusdb.query.algebra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed SPARQL 1.1 Update request ({@code org.nervusdb.query.Sparql.parseUpdate}): its
 * operations, in the order they are to run. The parser has applied the grammar's rules, so an
 * executor needs no further syntax checks:
 * <ul>
 * <li>IRIs are resolved (against the BASE in effect where they were written, or the base given to
 * the parser) and prefixed names expanded: every IRI is a stored term;</li>
 * <li>data blocks (INSERT DATA, DELETE DATA) hold no variables; DELETE DATA, DELETE WHERE and
 * DELETE templates hold no blank nodes;</li>
 * <li>a blank node label of an INSERT DATA block is used by no other operation's data or
 * template.</li>
 * </ul>
 *
 * <p>Terms are stored terms as in {@link Node} (see {@code org.nervusdb.rdf.RdfTerms}). A blank
 * node in INSERT DATA or an INSERT template is a term {@code _:label}; it stands for a <i>new</i>
 * blank node: in INSERT DATA one per label for the operation, in a template one per label for
 * each solution of the WHERE pattern (as in CONSTRUCT). It never means a stored blank node with
 * that label, so an executor must give it a label the store does not hold.
 *
 * <p>A request runs as one unit: SPARQL 1.1 Update (section 2.2) asks that the operations of a
 * request run in order, each seeing the effects of those before it, and that a failing
 * operation (without SILENT) leaves the store as it was before the request.
 */
public final class Update {
    public final List<Operation> operations;

    public Update(List<Operation> operations) {
        this.operations = Collections.unmodifiableList(new ArrayList<>(operations));
    }

    @Override
    public String toString() {
        return operations.toString();
    }

    /**
     * One triple of a data block or template with the graph it belongs to. {@link #graph} is an
     * IRI term, a variable (templates only: {@code GRAPH ?g { ... }}), or null for the
     * operation's default graph: the store's default graph, or for a {@link Modify} with WITH
     * its {@link Modify#with} graph ({@link Modify#graphOf}).
     */
    public static final class Quad {
        public final Node s;
        public final Node p;
        public final Node o;
        public final Node graph;

        public Quad(Node s, Node p, Node o, Node graph) {
            this.s = s;
            this.p = p;
            this.o = o;
            this.graph = graph;
        }

        @Override
        public String toString() {
            return (graph == null ? "" : "GRAPH " + graph + " ") + s + " " + p + " " + o;
        }
    }

    /** An operation of the request. */
    public abstract static class Operation {
        /**
         * The base IRI in effect where the operation was written (BASE may change between
         * operations), for IRI() in expressions of a WHERE pattern; may be null.
         */
        public final String base;

        Operation(String base) {
            this.base = base;
        }
    }

    /**
     * {@code INSERT DATA { quads }}: adds the quads (no variables; blank nodes are new ones,
     * one per label) to their graphs, creating a named graph that does not exist yet. The
     * grammar lets a literal stand as subject; such a quad is not RDF, and an executor refuses
     * or skips it (as for DELETE DATA).
     */
    public static final class InsertData extends Operation {
        public final List<Quad> quads;

        public InsertData(String base, List<Quad> quads) {
            super(base);
            this.quads = Collections.unmodifiableList(new ArrayList<>(quads));
        }

        @Override
        public String toString() {
            return "INSERT DATA " + quads;
        }
    }

    /**
     * {@code DELETE DATA { quads }}: removes the quads (no variables, no blank nodes) where they
     * exist; quads that do not exist, and graphs that do not, are ignored.
     */
    public static final class DeleteData extends Operation {
        public final List<Quad> quads;

        public DeleteData(String base, List<Quad> quads) {
            super(base);
            this.quads = Collections.unmodifiableList(new ArrayList<>(quads));
        }

        @Override
        public String toString() {
            return "DELETE DATA " + quads;
        }
    }

    /**
     * {@code [WITH g] DELETE { delete } INSERT { insert } [USING ...] WHERE { pattern }}, and
     * {@code DELETE WHERE { quads }} ({@link #deleteWhere}: {@link #delete} is those quads and
     * {@link #where} their pattern). To run it: evaluate {@link #where} once against the store as
     * it is before the operation (its dataset is set already: see {@link #where}); then, for
     * every solution, instantiate {@link #delete} and remove those quads, and instantiate
     * {@link #insert} and add those. All deletions happen before all insertions. A quad whose
     * instantiation has an unbound position, or is not RDF (a literal subject, a predicate that
     * is not an IRI, a graph that is not an IRI), is skipped; blank nodes of {@link #insert} are
     * new per solution, as in CONSTRUCT.
     */
    public static final class Modify extends Operation {
        /** WITH's graph IRI, or null. */
        public final String with;
        /** The DELETE template (no blank nodes); empty without DELETE. */
        public final List<Quad> delete;
        /** The INSERT template; empty without INSERT. */
        public final List<Quad> insert;
        /** USING graphs: their merge is the WHERE pattern's default graph. */
        public final List<String> using;
        /** USING NAMED graphs: the WHERE pattern's named graphs. */
        public final List<String> usingNamed;
        /**
         * The WHERE pattern as a SELECT query (with its base) whose projection is every variable
         * of the templates, in first-seen order: run it with {@code QueryEngine.run} and read
         * each template variable from the row. Its dataset ({@link Query#from},
         * {@link Query#fromNamed}) is set as SPARQL Update says: with USING or USING NAMED, those
         * graphs (as FROM and FROM NAMED); else with WITH, WITH's graph as the default graph and
         * all the store's named graphs ({@code fromNamed} null); else none (the store's dataset).
         */
        public final Query where;
        /** Written as {@code DELETE WHERE}: {@link #delete} is also the pattern. */
        public final boolean deleteWhere;

        public Modify(String base, String with, List<Quad> delete, List<Quad> insert, List<String> using,
                List<String> usingNamed, Query where, boolean deleteWhere) {
            super(base);
            this.with = with;
            this.delete = Collections.unmodifiableList(new ArrayList<>(delete));
            this.insert = Collections.unmodifiableList(new ArrayList<>(insert));
            this.using = Collections.unmodifiableList(new ArrayList<>(using));
            this.usingNamed = Collections.unmodifiableList(new ArrayList<>(usingNamed));
            this.where = where;
            this.deleteWhere = deleteWhere;
        }

        /** The graph a template quad belongs to: its own, else WITH's (an IRI term), else null (default graph). */
        public Node graphOf(Quad q) {
            return q.graph != null ? q.graph : with != null ? Node.term(with) : null;
        }

        @Override
        public String toString() {
            return (deleteWhere ? "DELETE WHERE " + delete : (with == null ? "" : "WITH <" + with + "> ")
                    + (delete.isEmpty() ? "" : "DELETE " + delete + " ") + (insert.isEmpty() ? "" : "INSERT " + insert + " ")
                    + (using.isEmpty() ? "" : "USING " + using + " ") + (usingNamed.isEmpty() ? "" : "USING NAMED " + usingNamed + " ")
                    + "WHERE " + where.op);
        }
    }

    /**
     * {@code LOAD [SILENT] <source> [INTO GRAPH <into>]}: reads the RDF document at
     * {@link #source} and adds its triples to graph {@link #into}, or to the default graph when
     * it is null. With {@link #silent}, a failure is no error (and changes nothing).
     */
    public static final class Load extends Operation {
        public final String source;
        public final String into;
        public final boolean silent;

        public Load(String base, String source, String into, boolean silent) {
            super(base);
            this.source = source;
            this.into = into;
            this.silent = silent;
        }

        @Override
        public String toString() {
            return "LOAD " + (silent ? "SILENT " : "") + "<" + source + ">" + (into == null ? "" : " INTO GRAPH <" + into + ">");
        }
    }

    /** Which graphs CLEAR and DROP apply to. */
    public enum Target {
        /** The graph {@link Clear#graph}. */
        GRAPH,
        /** The default graph. */
        DEFAULT,
        /** Every named graph. */
        NAMED,
        /** The default graph and every named graph. */
        ALL
    }

    /**
     * {@code CLEAR [SILENT] target} removes every triple of the target graphs;
     * {@code DROP [SILENT] target} ({@link #drop}) removes the graphs themselves (the default
     * graph, which always exists, is emptied). Clearing or dropping a named graph that does not
     * exist is an error unless {@link #silent}.
     */
    public static final class Clear extends Operation {
        public final boolean drop;
        public final boolean silent;
        public final Target target;
        /** The graph IRI for {@link Target#GRAPH}, else null. */
        public final String graph;

        public Clear(String base, boolean drop, boolean silent, Target target, String graph) {
            super(base);
            this.drop = drop;
            this.silent = silent;
            this.target = target;
            this.graph = graph;
        }

        @Override
        public String toString() {
            return (drop ? "DROP " : "CLEAR ") + (silent ? "SILENT " : "") + (target == Target.GRAPH ? "GRAPH <" + graph + ">" : target.name());
        }
    }

    /**
     * {@code CREATE [SILENT] GRAPH <graph>}: creates an empty named graph. Creating one that
     * exists is an error unless {@link #silent}. A store that keeps no empty graphs may treat
     * it as a no-op when the graph does not exist.
     */
    public static final class Create extends Operation {
        public final String graph;
        public final boolean silent;

        public Create(String base, String graph, boolean silent) {
            super(base);
            this.graph = graph;
            this.silent = silent;
        }

        @Override
        public String toString() {
            return "CREATE " + (silent ? "SILENT " : "") + "GRAPH <" + graph + ">";
        }
    }

    /** The three graph-to-graph operations. */
    public enum TransferKind {
        /** Adds the source's triples to the target (which keeps its own). */
        ADD,
        /** Replaces the target's triples with the source's, then drops the source. */
        MOVE,
        /** Replaces the target's triples with the source's. */
        COPY
    }

    /**
     * {@code ADD|MOVE|COPY [SILENT] source TO target}: graphs are IRIs, or null for DEFAULT.
     * When source and target are the same graph nothing happens. A source named graph that does
     * not exist is an error unless {@link #silent}.
     */
    public static final class Transfer extends Operation {
        public final TransferKind kind;
        public final boolean silent;
        public final String source;
        public final String target;

        public Transfer(String base, TransferKind kind, boolean silent, String source, String target) {
            super(base);
            this.kind = kind;
            this.silent = silent;
            this.source = source;
            this.target = target;
        }

        @Override
        public String toString() {
            return kind + (silent ? " SILENT " : " ") + (source == null ? "DEFAULT" : "<" + source + ">") + " TO "
                    + (target == null ? "DEFAULT" : "<" + target + ">");
        }
    }
}
