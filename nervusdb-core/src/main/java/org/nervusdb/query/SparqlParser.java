package org.nervusdb.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nervusdb.QuerySyntaxException;

import org.nervusdb.query.SparqlLexer.Token;
import org.nervusdb.query.algebra.Expr;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Path;
import org.nervusdb.query.algebra.Query;
import org.nervusdb.query.algebra.Update;
import org.nervusdb.rdf.RdfTerms;

/**
 * A recursive-descent parser for SPARQL 1.1 queries (the grammar of section 19.8), translating
 * while it parses into the algebra of section 18.2: group graph patterns into joins, left joins
 * (an OPTIONAL's own filters in the left join), minus, unions and extends, wrapped in a filter of
 * the group's filters; aggregates into a group whose aggregate results replace them in SELECT,
 * HAVING and ORDER BY; then HAVING, VALUES, SELECT expressions, ORDER BY, projection, DISTINCT or
 * REDUCED, and the slice.
 *
 * <p>It also applies the static rules of the specification: a variable of {@code (expr AS ?v)}
 * or of BIND must be new; an aggregate query projects only grouped variables and aggregates;
 * aggregates appear only in SELECT, HAVING and ORDER BY, not nested; a blank node label belongs
 * to one basic graph pattern; VALUES rows match their variables; prefixes are declared.
 *
 * <p>Blank nodes of patterns become variables named {@code _:label}; anonymous ones, collection
 * nodes and aggregate results get fresh names with a '#' after the {@code _:}, which no label
 * has. Dataset clauses (FROM, FROM NAMED) and GRAPH patterns are parsed, and the first one is
 * named in {@link Query#namedGraphs}: NervusDB has one default graph and refuses to run them.
 * Built-in calls are named in upper case as written ({@code isURI} is {@code ISURI}, {@code URI}
 * stays {@code URI}, {@code sameTerm} is {@code SAMETERM}).
 *
 * <p>{@link #parseUpdate} reads SPARQL 1.1 Update requests into {@link Update} with the same
 * machinery (prologue, triples, group graph patterns): templates and data blocks are read as
 * CONSTRUCT templates are (blank nodes as terms), under the update grammar's rules: no variables
 * in INSERT DATA and DELETE DATA, no blank nodes in DELETE DATA, DELETE WHERE and DELETE
 * templates, no blank node label of an INSERT DATA in a later operation; blank node labels of
 * patterns belong to their operation.
 *
 * <p>Nesting (groups, brackets, paths, blank node lists, collections) is limited to
 * {@link #MAX_NESTING} levels and the algebra tree (where chains of operators, joins and unions
 * add levels) to {@link #MAX_TREE_DEPTH}, so every malformed or hostile text ends in a
 * {@link QuerySyntaxException} and evaluators can walk every tree the parser produces.
 */
final class SparqlParser {
    /**
     * The deepest nesting of groups, brackets, paths and blank node lists accepted. At this depth
     * the parser needs about half a megabyte of stack (in a JVM that has not compiled it yet),
     * half the usual default for a thread's stack.
     */
    static final int MAX_NESTING = 500;
    /** The deepest algebra tree accepted (chains of operators, joins and unions add levels). */
    static final int MAX_TREE_DEPTH = 1000;

    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String RDF_TYPE = RDF + "type";
    static final String RDF_FIRST = RDF + "first";
    static final String RDF_REST = RDF + "rest";
    static final String RDF_NIL = RDF + "nil";
    static final String XSD_INTEGER = RdfTerms.XSD + "integer";
    static final String XSD_DECIMAL = RdfTerms.XSD + "decimal";
    static final String XSD_DOUBLE = RdfTerms.XSD + "double";
    static final String XSD_BOOLEAN = RdfTerms.XSD + "boolean";

    /** Built-in functions: minimum and maximum number of arguments (-1: any, an expression list). */
    private static final Map<String, int[]> BUILT_INS = new HashMap<>();
    private static final Set<String> AGGREGATES = new HashSet<>();

    static {
        String[] one = {"STR", "LANG", "DATATYPE", "IRI", "URI", "ABS", "CEIL", "FLOOR", "ROUND", "STRLEN", "UCASE",
            "LCASE", "ENCODE_FOR_URI", "YEAR", "MONTH", "DAY", "HOURS", "MINUTES", "SECONDS", "TIMEZONE", "TZ", "MD5",
            "SHA1", "SHA256", "SHA384", "SHA512", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC"};
        for (String name : one) {
            BUILT_INS.put(name, new int[] {1, 1});
        }
        String[] two = {"LANGMATCHES", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "STRLANG", "STRDT",
            "SAMETERM"};
        for (String name : two) {
            BUILT_INS.put(name, new int[] {2, 2});
        }
        String[] none = {"RAND", "NOW", "UUID", "STRUUID"};
        for (String name : none) {
            BUILT_INS.put(name, new int[] {0, 0});
        }
        BUILT_INS.put("BNODE", new int[] {0, 1});
        BUILT_INS.put("IF", new int[] {3, 3});
        BUILT_INS.put("SUBSTR", new int[] {2, 3});
        BUILT_INS.put("REGEX", new int[] {2, 3});
        BUILT_INS.put("REPLACE", new int[] {3, 4});
        BUILT_INS.put("CONCAT", new int[] {-1, -1});
        BUILT_INS.put("COALESCE", new int[] {-1, -1});
        String[] aggregates = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"};
        for (String name : aggregates) {
            AGGREGATES.add(name);
        }
    }

    private final SparqlLexer lexer;
    private final ArrayList<Token> ahead = new ArrayList<>();
    private String base;
    private final Map<String, String> prefixes = new HashMap<>();
    private int depth;
    private int freshCount;
    /** The basic graph pattern each blank node label of a pattern belongs to. */
    private final Map<String, Integer> labelOwners = new HashMap<>();
    private int bgpId;
    private int bgpCount;
    /** Where the triples being parsed go: TriplePattern and PathPattern items. */
    private List<Object> sink;
    private boolean pathsAllowed;
    /** CONSTRUCT template: blank nodes are terms, not variables. */
    private boolean inTemplate;
    /** The first FROM, FROM NAMED or GRAPH read, with its position, or null. */
    private String namedGraphs;
    /** The dataset clauses' graphs, when the query has any ({@link #dataset}). */
    private final List<String> from = new ArrayList<>();
    private final List<String> fromNamed = new ArrayList<>();
    private boolean dataset;
    private boolean aggregatesAllowed;
    /** Parsing an update request (for messages). */
    private boolean updateRequest;
    /** False in INSERT DATA and DELETE DATA. */
    private boolean variablesAllowed = true;
    /** Null where blank nodes may be written, else why they may not (DELETE DATA, DELETE WHERE, DELETE templates). */
    private String blankNodeRule;
    /** In an update's data block or template: the blank node labels written in it, else null. */
    private Set<String> templateLabels;
    /** The blank node labels of the request's INSERT DATA operations so far. */
    private final Set<String> dataLabels = new HashSet<>();

    SparqlParser(String text, String base) {
        this.lexer = new SparqlLexer(text);
        this.base = base;
    }

    // ---------------------------------------------------------------- tokens and errors

    private Token peek(int k) {
        while (ahead.size() <= k) {
            ahead.add(lexer.next());
        }
        return ahead.get(k);
    }

    private Token tok() {
        return peek(0);
    }

    private Token advance() {
        Token t = peek(0);
        ahead.remove(0);
        return t;
    }

    private boolean isWord(String keyword) {
        return tok().isWord(keyword);
    }

    private boolean is(String punct) {
        return tok().is(punct);
    }

    QuerySyntaxException errorAt(Token t, String message) {
        return lexer.error(message, t.start);
    }

    private QuerySyntaxException expected(String what) {
        return errorAt(tok(), "expected " + what + " but found " + describeToken(tok()));
    }

    private String describeToken(Token t) {
        if (t.kind == SparqlLexer.EOF) {
            return updateRequest ? "the end of the request" : "the end of the query";
        }
        String s = lexer.source(t);
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }

    private Token expect(String punct) {
        if (!is(punct)) {
            throw expected("'" + punct + "'");
        }
        return advance();
    }

    private Token expectWord(String keyword) {
        if (!isWord(keyword)) {
            throw expected(keyword);
        }
        return advance();
    }

    private String expectVar() {
        if (tok().kind != SparqlLexer.VAR) {
            throw expected("a variable");
        }
        return advance().text;
    }

    QuerySyntaxException tooDeep() {
        return errorAt(tok(), "the query is nested too deeply (more than " + MAX_NESTING + " levels)");
    }

    /** For a thread whose stack is too small for the nesting the parser allows. */
    QuerySyntaxException stackExhausted() {
        return errorAt(tok(), "the query is nested too deeply for the stack of this thread");
    }

    private void enter() {
        if (++depth > MAX_NESTING) {
            throw tooDeep();
        }
    }

    private void exit() {
        depth--;
    }

    // ---------------------------------------------------------------- query forms

    Query parseQuery() {
        prologue();
        Token t = tok();
        Query query;
        if (t.isWord("SELECT")) {
            SelectClause select = selectClause();
            datasetClauses();
            Op where = whereClause(true);
            Modifiers modifiers = solutionModifier();
            Op.Values values = valuesClause();
            endOfQuery();
            Built built = solutionAlgebra(select, where, modifiers, values);
            query = new Query(Query.Form.SELECT, built.op, built.vars, Collections.<Op.TriplePattern>emptyList());
        } else if (t.isWord("ASK")) {
            advance();
            datasetClauses();
            Op where = whereClause(true);
            Modifiers modifiers = solutionModifier();
            Op.Values values = valuesClause();
            endOfQuery();
            Built built = solutionAlgebra(null, where, modifiers, values);
            query = new Query(Query.Form.ASK, built.op, Collections.<String>emptyList(),
                    Collections.<Op.TriplePattern>emptyList());
        } else if (t.isWord("CONSTRUCT")) {
            query = constructQuery();
        } else if (t.isWord("DESCRIBE")) {
            query = describeQuery();
        } else if (t.kind == SparqlLexer.WORD && isUpdateKeyword(t.upper)) {
            throw errorAt(t, "this is a SPARQL Update request (" + t.upper + "), not a query;"
                    + " parse it with Sparql.parseUpdate");
        } else {
            throw expected("SELECT, CONSTRUCT, DESCRIBE or ASK");
        }
        checkTreeDepth(query.op, 0);
        query = query.withBase(base);
        if (dataset) {
            query = query.withDataset(from, fromNamed);
        }
        return namedGraphs == null ? query : query.withNamedGraphs(namedGraphs);
    }

    /**
     * Whether the text is an update request rather than a query: after its prologue, an update
     * keyword, or nothing at all (an empty request is a valid update). A prologue with an error
     * counts as a query, whose parse then reports the error.
     */
    boolean isUpdate() {
        try {
            prologue();
        } catch (QuerySyntaxException e) {
            return false;
        }
        Token t = tok();
        return t.kind == SparqlLexer.EOF || (t.kind == SparqlLexer.WORD && isUpdateKeyword(t.upper));
    }

    /** All of the text is read: syntax errors come before the static rules checked afterwards. */
    private void endOfQuery() {
        if (tok().kind != SparqlLexer.EOF) {
            throw expected("the end of the query");
        }
    }

    private static boolean isUpdateKeyword(String w) {
        return w.equals("INSERT") || w.equals("DELETE") || w.equals("LOAD") || w.equals("CLEAR") || w.equals("CREATE")
                || w.equals("DROP") || w.equals("COPY") || w.equals("MOVE") || w.equals("ADD") || w.equals("WITH");
    }

    private void prologue() {
        while (true) {
            if (isWord("BASE")) {
                advance();
                if (tok().kind != SparqlLexer.IRI) {
                    throw expected("an IRI in angle brackets after BASE");
                }
                base = IriResolver.resolve(base, advance().text);
            } else if (isWord("PREFIX")) {
                advance();
                Token p = tok();
                if (p.kind != SparqlLexer.PNAME || !p.local.isEmpty()) {
                    throw expected("a prefix such as ex: after PREFIX");
                }
                advance();
                if (tok().kind != SparqlLexer.IRI) {
                    throw expected("an IRI in angle brackets after PREFIX " + p.text + ":");
                }
                prefixes.put(p.text, IriResolver.resolve(base, advance().text));
            } else {
                return;
            }
        }
    }

    /** FROM and FROM NAMED: read, and the first one noted ({@link #namedGraphs}). */
    private void datasetClauses() {
        while (isWord("FROM")) {
            Token from = advance();
            boolean named = isWord("NAMED");
            if (named) {
                advance();
            }
            (named ? fromNamed : this.from).add(iri());
            dataset = true;
            noteNamedGraphs(from, named ? "FROM NAMED" : "FROM");
        }
    }

    private void noteNamedGraphs(Token at, String construct) {
        if (namedGraphs == null) {
            namedGraphs = construct + " (line " + lexer.line(at.start) + ", column " + lexer.column(at.start) + ")";
        }
    }

    /** WhereClause: 'WHERE'? GroupGraphPattern; required unless {@code required} is false. */
    private Op whereClause(boolean required) {
        if (isWord("WHERE")) {
            advance();
        } else if (!is("{")) {
            if (!required) {
                return null;
            }
            throw expected("WHERE or '{'");
        }
        return op(groupGraphPattern());
    }

    private Query constructQuery() {
        advance();
        List<Op.TriplePattern> template;
        Op where;
        if (is("{")) {
            advance();
            List<Object> triples = new ArrayList<>();
            boolean savedTemplate = inTemplate;
            inTemplate = true;
            triplesTemplate(triples, false);
            inTemplate = savedTemplate;
            expect("}");
            template = finishTemplate(triples);
            datasetClauses();
            where = whereClause(true);
        } else {
            datasetClauses();
            expectWord("WHERE");
            expect("{");
            List<Object> triples = new ArrayList<>();
            bgpId = ++bgpCount;
            triplesTemplate(triples, false);
            if (!is("}")) {
                throw expected(triples.isEmpty() ? "a triple pattern or '}' (CONSTRUCT WHERE takes triple patterns only)"
                        : "'.' or '}' (CONSTRUCT WHERE takes triple patterns only)");
            }
            advance();
            List<Op.TriplePattern> patterns = new ArrayList<>();
            for (Object o : triples) {
                patterns.add((Op.TriplePattern) o);
            }
            where = new Op.Bgp(patterns);
            template = finishTemplate(triples);
        }
        Modifiers modifiers = solutionModifier();
        Op.Values values = valuesClause();
        endOfQuery();
        Built built = solutionAlgebra(null, where, modifiers, values);
        return new Query(Query.Form.CONSTRUCT, built.op, Collections.<String>emptyList(), template);
    }

    /** TriplesTemplate / ConstructTriples: triples separated by '.', no property paths. */
    private void triplesTemplate(List<Object> out, boolean paths) {
        List<Object> savedSink = sink;
        boolean savedPaths = pathsAllowed;
        sink = out;
        pathsAllowed = paths;
        while (startsTriples(tok())) {
            triplesSameSubject();
            if (!is(".")) {
                break;
            }
            advance();
        }
        sink = savedSink;
        pathsAllowed = savedPaths;
    }

    /**
     * A template's triples with blank nodes as terms: labels as written, anonymous ones (and
     * the "_:" variables of CONSTRUCT WHERE) renamed to labels the template does not use.
     */
    private List<Op.TriplePattern> finishTemplate(List<Object> triples) {
        Set<String> used = new HashSet<>();
        for (Object o : triples) {
            Op.TriplePattern t = (Op.TriplePattern) o;
            collectLabel(t.s, used);
            collectLabel(t.p, used);
            collectLabel(t.o, used);
        }
        Map<String, String> renamed = new HashMap<>();
        int[] counter = {0};
        List<Op.TriplePattern> out = new ArrayList<>(triples.size());
        for (Object o : triples) {
            Op.TriplePattern t = (Op.TriplePattern) o;
            out.add(new Op.TriplePattern(templateNode(t.s, used, renamed, counter), templateNode(t.p, used, renamed, counter),
                    templateNode(t.o, used, renamed, counter)));
        }
        return out;
    }

    private static void collectLabel(Node n, Set<String> used) {
        String name = n.isVar() ? n.var : n.term;
        if (name.startsWith("_:") && name.indexOf('#') < 0) {
            used.add(name);
        }
    }

    private static Node templateNode(Node n, Set<String> used, Map<String, String> renamed, int[] counter) {
        String name = n.isVar() ? n.var : n.term;
        if (!name.startsWith("_:")) {
            return n;
        }
        if (name.indexOf('#') < 0) {
            return Node.term(name);
        }
        String label = renamed.get(name);
        if (label == null) {
            do {
                label = "_:b" + counter[0]++;
            } while (used.contains(label));
            renamed.put(name, label);
        }
        return Node.term(label);
    }

    private Query describeQuery() {
        advance();
        List<Node> targets = new ArrayList<>();
        SelectClause select = new SelectClause();
        if (is("*")) {
            select.star = true;
            select.starToken = advance();
        } else {
            while (true) {
                Token t = tok();
                if (t.kind == SparqlLexer.VAR) {
                    advance();
                    targets.add(Node.var(t.text));
                    select.items.add(new SelectItem(t.text, null, t));
                } else if (t.kind == SparqlLexer.IRI || t.kind == SparqlLexer.PNAME) {
                    targets.add(Node.term(iri()));
                } else {
                    break;
                }
            }
            if (targets.isEmpty()) {
                throw expected("a variable, an IRI or '*' after DESCRIBE");
            }
        }
        datasetClauses();
        Op where = whereClause(false);
        if (where == null) {
            where = new Op.Bgp(Collections.<Op.TriplePattern>emptyList());
        }
        Modifiers modifiers = solutionModifier();
        Op.Values values = valuesClause();
        endOfQuery();
        Built built = solutionAlgebra(select, where, modifiers, values);
        if (select.star) {
            for (String v : built.vars) {
                targets.add(Node.var(v));
            }
        }
        return new Query(Query.Form.DESCRIBE, built.op, built.vars, Collections.<Op.TriplePattern>emptyList(), targets);
    }

    // ---------------------------------------------------------------- update requests

    /**
     * An update request (SPARQL 1.1 Update, grammar rule Update): operations separated by ';',
     * each after its own prologue; PREFIX and BASE declarations hold for the rest of the request.
     */
    Update parseUpdate() {
        updateRequest = true;
        List<Update.Operation> ops = new ArrayList<>();
        prologue();
        while (tok().kind != SparqlLexer.EOF) {
            ops.add(operation());
            if (tok().kind == SparqlLexer.EOF) {
                break;
            }
            if (!is(";")) {
                throw expected("';' between operations or the end of the request");
            }
            advance();
            prologue();
        }
        return new Update(ops);
    }

    private Update.Operation operation() {
        labelOwners.clear(); // blank node labels of patterns belong to their operation
        namedGraphs = null;
        Token t = tok();
        String w = t.kind == SparqlLexer.WORD ? t.upper : "";
        switch (w) {
            case "LOAD": {
                advance();
                boolean silent = silent();
                String source = iri();
                String into = null;
                if (isWord("INTO")) {
                    advance();
                    expectWord("GRAPH");
                    into = iri();
                }
                return new Update.Load(base, source, into, silent);
            }
            case "CLEAR":
            case "DROP": {
                advance();
                boolean silent = silent();
                Token target = tok();
                if (target.isWord("GRAPH")) {
                    advance();
                    return new Update.Clear(base, w.equals("DROP"), silent, Update.Target.GRAPH, iri());
                }
                if (target.isWord("DEFAULT") || target.isWord("NAMED") || target.isWord("ALL")) {
                    advance();
                    return new Update.Clear(base, w.equals("DROP"), silent, Update.Target.valueOf(target.upper), null);
                }
                throw expected("GRAPH, DEFAULT, NAMED or ALL after " + w);
            }
            case "CREATE": {
                advance();
                boolean silent = silent();
                expectWord("GRAPH");
                return new Update.Create(base, iri(), silent);
            }
            case "ADD":
            case "MOVE":
            case "COPY": {
                advance();
                boolean silent = silent();
                String source = graphOrDefault();
                expectWord("TO");
                return new Update.Transfer(base, Update.TransferKind.valueOf(w), silent, source, graphOrDefault());
            }
            case "INSERT":
                if (peek(1).isWord("DATA")) {
                    advance();
                    advance();
                    Set<String> labels = new HashSet<>();
                    List<Update.Quad> quads = quads(true, null, labels, false);
                    dataLabels.addAll(labels);
                    return new Update.InsertData(base, quads);
                }
                return modify(null);
            case "DELETE":
                if (peek(1).isWord("DATA")) {
                    advance();
                    advance();
                    return new Update.DeleteData(base, quads(true, "blank nodes are not allowed in DELETE DATA", null, false));
                }
                if (peek(1).isWord("WHERE")) {
                    advance();
                    advance();
                    List<Update.Quad> quads = quads(false, "blank nodes are not allowed in DELETE WHERE (use variables)", null, true);
                    Op where = null;
                    for (int i = 0; i < quads.size(); ) {
                        Node graph = quads.get(i).graph;
                        List<Op.TriplePattern> run = new ArrayList<>();
                        for (; i < quads.size() && quads.get(i).graph == graph; i++) {
                            Update.Quad q = quads.get(i);
                            run.add(new Op.TriplePattern(q.s, q.p, q.o));
                        }
                        where = join(where, graph == null ? new Op.Bgp(run) : new Op.Graph(graph, new Op.Bgp(run)));
                    }
                    return new Update.Modify(base, null, quads, Collections.<Update.Quad>emptyList(),
                            Collections.<String>emptyList(), Collections.<String>emptyList(),
                            whereQuery(where == null ? emptyBgp() : where, quads, Collections.<Update.Quad>emptyList()), true);
                }
                return modify(null);
            case "WITH": {
                advance();
                String with = iri();
                if (!(isWord("DELETE") || isWord("INSERT")) || !peek(1).is("{")) {
                    throw expected("DELETE { or INSERT { after WITH <...>");
                }
                return modify(with);
            }
            case "SELECT":
            case "ASK":
            case "CONSTRUCT":
            case "DESCRIBE":
                throw errorAt(t, "this is a query (" + w + "), not an update request; run it with Sparql.parse or Sparql.execute");
            default:
                throw expected("an update operation (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY or WITH)");
        }
    }

    private boolean silent() {
        if (isWord("SILENT")) {
            advance();
            return true;
        }
        return false;
    }

    /** GraphOrDefault: DEFAULT (null) or an IRI, with or without GRAPH before it. */
    private String graphOrDefault() {
        if (isWord("DEFAULT")) {
            advance();
            return null;
        }
        if (isWord("GRAPH")) {
            advance();
        } else if (tok().kind != SparqlLexer.IRI && tok().kind != SparqlLexer.PNAME) {
            throw expected("DEFAULT, GRAPH <...> or an IRI");
        }
        return iri();
    }

    /** DELETE { ... } INSERT { ... } USING ... WHERE { ... } (Modify), at DELETE or INSERT. */
    private Update.Operation modify(String with) {
        List<Update.Quad> delete = Collections.emptyList();
        List<Update.Quad> insert = Collections.emptyList();
        if (isWord("DELETE")) {
            advance();
            delete = quads(false, "blank nodes are not allowed in a DELETE template (use variables)", null, false);
        }
        if (isWord("INSERT")) {
            advance();
            insert = quads(false, null, new HashSet<String>(), false);
        }
        List<String> using = new ArrayList<>();
        List<String> usingNamed = new ArrayList<>();
        while (isWord("USING")) {
            advance();
            if (isWord("NAMED")) {
                advance();
                usingNamed.add(iri());
            } else {
                using.add(iri());
            }
        }
        expectWord("WHERE");
        Query where = whereQuery(op(groupGraphPattern()), delete, insert);
        if (!using.isEmpty() || !usingNamed.isEmpty()) {
            where = where.withDataset(using, usingNamed);
        } else if (with != null) {
            where = where.withDataset(Collections.singletonList(with), null);
        }
        return new Update.Modify(base, with, delete, insert, using, usingNamed, where, false);
    }

    /** The WHERE pattern as a SELECT of the templates' variables (see {@link Update.Modify#where}). */
    private Query whereQuery(Op where, List<Update.Quad> delete, List<Update.Quad> insert) {
        LinkedHashSet<String> vars = new LinkedHashSet<>();
        List<Update.Quad> quads = new ArrayList<>(delete);
        quads.addAll(insert);
        for (Update.Quad q : quads) {
            for (Node n : new Node[] {q.s, q.p, q.o, q.graph}) {
                if (n != null && n.isVar()) {
                    vars.add(n.var);
                }
            }
        }
        Op op = new Op.Project(where, new ArrayList<>(vars));
        checkTreeDepth(op, 0);
        Query q = new Query(Query.Form.SELECT, op, new ArrayList<>(vars), Collections.<Op.TriplePattern>emptyList()).withBase(base);
        return namedGraphs == null ? q : q.withNamedGraphs(namedGraphs);
    }

    /**
     * QuadData ({@code data}: no variables) or QuadPattern: '{' triples and GRAPH blocks '}'.
     * Blank nodes are terms, refused with {@code blankRule} if it is set; {@code labels}, if not
     * null, collects the labels written (for INSERT DATA and INSERT templates, which may not
     * reuse those of an earlier INSERT DATA). A {@code pattern} (DELETE WHERE) notes its GRAPH
     * blocks in {@link #namedGraphs}.
     */
    private List<Update.Quad> quads(boolean data, String blankRule, Set<String> labels, boolean pattern) {
        expect("{");
        List<Object> triples = new ArrayList<>();
        List<Node> graphs = new ArrayList<>();
        List<Object> savedSink = sink;
        boolean savedPaths = pathsAllowed;
        boolean savedTemplate = inTemplate;
        sink = triples;
        pathsAllowed = false;
        inTemplate = true;
        variablesAllowed = !data;
        blankNodeRule = blankRule;
        templateLabels = labels;
        boolean triplesAllowed = true;
        while (true) {
            if (isWord("GRAPH")) {
                Token at = advance();
                if (pattern) {
                    noteNamedGraphs(at, "GRAPH");
                }
                Node graph = varOrIri("after GRAPH");
                expect("{");
                while (startsTriples(tok())) {
                    triplesSameSubject();
                    if (!is(".")) {
                        break;
                    }
                    advance();
                }
                expect("}");
                while (graphs.size() < triples.size()) {
                    graphs.add(graph);
                }
                if (is(".")) {
                    advance();
                }
                triplesAllowed = true;
            } else if (triplesAllowed && startsTriples(tok())) {
                triplesSameSubject();
                while (graphs.size() < triples.size()) {
                    graphs.add(null);
                }
                triplesAllowed = is(".");
                if (triplesAllowed) {
                    advance();
                }
            } else {
                break;
            }
        }
        if (!is("}")) {
            throw expected(triplesAllowed ? "a triple, GRAPH or '}'" : "'.', GRAPH or '}'");
        }
        advance();
        sink = savedSink;
        pathsAllowed = savedPaths;
        inTemplate = savedTemplate;
        variablesAllowed = true;
        blankNodeRule = null;
        templateLabels = null;
        List<Op.TriplePattern> template = finishTemplate(triples);
        List<Update.Quad> out = new ArrayList<>(template.size());
        for (int i = 0; i < template.size(); i++) {
            Op.TriplePattern t = template.get(i);
            out.add(new Update.Quad(t.s, t.p, t.o, graphs.get(i)));
        }
        return out;
    }

    // ---------------------------------------------------------------- SELECT and solution modifiers

    private static final class SelectItem {
        final String var;
        final Expr expr;
        final Token token;

        SelectItem(String var, Expr expr, Token token) {
            this.var = var;
            this.expr = expr;
            this.token = token;
        }
    }

    private static final class SelectClause {
        boolean distinct;
        boolean reduced;
        boolean star;
        Token starToken;
        final List<SelectItem> items = new ArrayList<>();
    }

    private static final class Modifiers {
        List<Op.GroupKey> groupKeys;
        final List<Expr> having = new ArrayList<>();
        final List<Op.OrderKey> order = new ArrayList<>();
        long offset;
        long limit = -1;
        boolean sliced;
    }

    private static final class Built {
        final Op op;
        final List<String> vars;

        Built(Op op, List<String> vars) {
            this.op = op;
            this.vars = vars;
        }
    }

    private SelectClause selectClause() {
        expectWord("SELECT");
        SelectClause select = new SelectClause();
        if (isWord("DISTINCT")) {
            advance();
            select.distinct = true;
        } else if (isWord("REDUCED")) {
            advance();
            select.reduced = true;
        }
        if (is("*")) {
            select.star = true;
            select.starToken = advance();
            return select;
        }
        while (true) {
            Token t = tok();
            if (t.kind == SparqlLexer.VAR) {
                advance();
                select.items.add(new SelectItem(t.text, null, t));
            } else if (t.is("(")) {
                advance();
                boolean saved = aggregatesAllowed;
                aggregatesAllowed = true;
                Expr e = expression();
                aggregatesAllowed = saved;
                if (!isWord("AS")) {
                    throw expected("AS ?name after the expression");
                }
                advance();
                Token v = tok();
                String var = expectVar();
                expect(")");
                select.items.add(new SelectItem(var, e, v));
            } else {
                break;
            }
        }
        if (select.items.isEmpty()) {
            throw expected("a variable, '(' or '*' after SELECT");
        }
        return select;
    }

    private Op subSelect() {
        SelectClause select = selectClause();
        Op where = whereClause(true);
        Modifiers modifiers = solutionModifier();
        Op.Values values = valuesClause();
        return solutionAlgebra(select, where, modifiers, values).op;
    }

    private Modifiers solutionModifier() {
        Modifiers m = new Modifiers();
        boolean saved = aggregatesAllowed;
        if (isWord("GROUP")) {
            advance();
            expectWord("BY");
            m.groupKeys = new ArrayList<>();
            aggregatesAllowed = false;
            while (true) {
                Token t = tok();
                if (t.kind == SparqlLexer.VAR) {
                    advance();
                    m.groupKeys.add(new Op.GroupKey(new Expr.Var(t.text), t.text));
                } else if (t.is("(")) {
                    advance();
                    Expr e = expression();
                    String var = null;
                    if (isWord("AS")) {
                        advance();
                        var = expectVar();
                    }
                    expect(")");
                    m.groupKeys.add(new Op.GroupKey(e, var));
                } else if (startsCall(t)) {
                    m.groupKeys.add(new Op.GroupKey(constraint(), null));
                } else if (m.groupKeys.isEmpty()) {
                    throw expected("a variable, '(' or a function call after GROUP BY");
                } else {
                    break;
                }
            }
        }
        aggregatesAllowed = true;
        if (isWord("HAVING")) {
            advance();
            do {
                m.having.add(constraint());
            } while (startsConstraint(tok()));
        }
        if (isWord("ORDER")) {
            advance();
            expectWord("BY");
            while (true) {
                Token t = tok();
                if (t.isWord("ASC") || t.isWord("DESC")) {
                    advance();
                    if (!is("(")) {
                        throw expected("'(' after " + t.upper);
                    }
                    m.order.add(new Op.OrderKey(constraint(), t.isWord("DESC")));
                } else if (t.kind == SparqlLexer.VAR) {
                    advance();
                    m.order.add(new Op.OrderKey(new Expr.Var(t.text), false));
                } else if (startsConstraint(t)) {
                    m.order.add(new Op.OrderKey(constraint(), false));
                } else if (m.order.isEmpty()) {
                    throw expected("a variable, '(', ASC, DESC or a function call after ORDER BY");
                } else {
                    break;
                }
            }
        }
        aggregatesAllowed = saved;
        if (isWord("LIMIT")) {
            advance();
            m.limit = count("LIMIT");
            m.sliced = true;
            if (isWord("OFFSET")) {
                advance();
                m.offset = count("OFFSET");
            }
        } else if (isWord("OFFSET")) {
            advance();
            m.offset = count("OFFSET");
            m.sliced = true;
            if (isWord("LIMIT")) {
                advance();
                m.limit = count("LIMIT");
            }
        }
        return m;
    }

    private long count(String clause) {
        Token t = tok();
        if (t.kind != SparqlLexer.INTEGER) {
            throw expected("a whole number after " + clause);
        }
        advance();
        String digits = t.text;
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        digits = digits.substring(i);
        // Beyond 18 digits no store holds that many solutions: the same as the largest long.
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private Op.Values valuesClause() {
        if (!isWord("VALUES")) {
            return null;
        }
        advance();
        return dataBlock();
    }

    /**
     * Section 18.2.4 and 18.2.5: grouping and aggregates, HAVING, VALUES, SELECT expressions,
     * ORDER BY, projection, DISTINCT or REDUCED, slice. {@code select} null: no projection.
     */
    private Built solutionAlgebra(SelectClause select, Op where, Modifiers m, Op.Values values) {
        Op p = where;
        LinkedHashSet<String> scope = new LinkedHashSet<>();
        inScope(where, scope, 0);
        if (values != null) {
            scope.addAll(values.vars);
        }
        boolean grouped = m.groupKeys != null;
        if (select != null) {
            for (SelectItem item : select.items) {
                grouped |= item.expr != null && containsAggregate(item.expr, 0);
            }
        }
        for (Expr e : m.having) {
            grouped |= containsAggregate(e, 0);
        }
        for (Op.OrderKey k : m.order) {
            grouped |= containsAggregate(k.expr, 0);
        }
        List<Expr> selectExprs = new ArrayList<>();
        if (select != null) {
            for (SelectItem item : select.items) {
                selectExprs.add(item.expr);
            }
        }
        List<Expr> having = m.having;
        List<Op.OrderKey> order = m.order;
        if (grouped) {
            if (select != null && select.star) {
                throw errorAt(select.starToken, "SELECT * cannot be used with GROUP BY or aggregates; name the variables");
            }
            Aggregation agg = new Aggregation();
            for (int i = 0; i < selectExprs.size(); i++) {
                if (selectExprs.get(i) != null) {
                    selectExprs.set(i, agg.replace(selectExprs.get(i), 0));
                }
            }
            having = new ArrayList<>();
            for (Expr e : m.having) {
                having.add(agg.replace(e, 0));
            }
            order = new ArrayList<>();
            for (Op.OrderKey k : m.order) {
                order.add(new Op.OrderKey(agg.replace(k.expr, 0), k.descending));
            }
            List<Op.GroupKey> keys = m.groupKeys == null ? Collections.<Op.GroupKey>emptyList() : m.groupKeys;
            p = new Op.Group(p, keys, agg.bindings);
            Set<String> visible = new HashSet<>();
            for (Op.GroupKey k : keys) {
                if (k.var != null) {
                    visible.add(k.var);
                }
            }
            for (Op.AggregateBinding b : agg.bindings) {
                visible.add(b.var);
            }
            if (select != null) {
                for (int i = 0; i < select.items.size(); i++) {
                    SelectItem item = select.items.get(i);
                    if (item.expr == null) {
                        if (!visible.contains(item.var)) {
                            throw errorAt(item.token, "?" + item.var + " is neither grouped nor aggregated: add it to GROUP BY,"
                                    + " or use an aggregate such as (SAMPLE(?" + item.var + ") AS ?name)");
                        }
                    } else {
                        LinkedHashSet<String> used = new LinkedHashSet<>();
                        varsOf(selectExprs.get(i), used, 0);
                        for (String v : used) {
                            if (!visible.contains(v)) {
                                throw errorAt(item.token, "the expression for ?" + item.var + " uses ?" + v
                                        + ", which is neither grouped nor aggregated");
                            }
                        }
                        visible.add(item.var);
                    }
                }
            }
        }
        if (!having.isEmpty()) {
            p = new Op.Filter(having, p);
        }
        if (values != null) {
            p = join(p, values);
        }
        List<String> vars = new ArrayList<>();
        if (select != null) {
            Set<String> projected = new HashSet<>();
            for (int i = 0; i < select.items.size(); i++) {
                SelectItem item = select.items.get(i);
                if (item.expr != null) {
                    if (scope.contains(item.var)) {
                        throw errorAt(item.token, "?" + item.var + " is already bound by the query pattern;"
                                + " (expression AS ?name) must introduce a new variable");
                    }
                    if (projected.contains(item.var)) {
                        throw errorAt(item.token, "?" + item.var + " is already used in this SELECT;"
                                + " (expression AS ?name) must introduce a new variable");
                    }
                    p = new Op.Extend(p, item.var, selectExprs.get(i));
                }
                if (projected.add(item.var)) {
                    vars.add(item.var);
                }
            }
            if (select.star) {
                for (String v : scope) {
                    if (!v.startsWith("_:")) {
                        vars.add(v);
                    }
                }
            }
        }
        if (!order.isEmpty()) {
            p = new Op.OrderBy(p, order);
        }
        if (select != null) {
            p = new Op.Project(p, vars);
            if (select.distinct) {
                p = new Op.Distinct(p);
            } else if (select.reduced) {
                p = new Op.Reduced(p);
            }
        }
        if (m.sliced) {
            p = new Op.Slice(p, m.offset, m.limit);
        }
        return new Built(p, vars);
    }

    /** The aggregates of one query level, each distinct one bound to a fresh variable. */
    private final class Aggregation {
        final List<Op.AggregateBinding> bindings = new ArrayList<>();
        final Map<String, String> byKey = new HashMap<>();

        Expr replace(Expr e, int level) {
            checkLevel(level);
            if (e instanceof Expr.Aggregate) {
                String key = key(e, 0);
                String var = byKey.get(key);
                if (var == null) {
                    var = fresh("agg");
                    byKey.put(key, var);
                    bindings.add(new Op.AggregateBinding(var, (Expr.Aggregate) e));
                }
                return new Expr.Var(var);
            }
            if (e instanceof Expr.Call) {
                Expr.Call c = (Expr.Call) e;
                List<Expr> args = replaceAll(c.args, level);
                return args == null ? e : new Expr.Call(c.name, args);
            }
            if (e instanceof Expr.FunctionCall) {
                Expr.FunctionCall c = (Expr.FunctionCall) e;
                List<Expr> args = replaceAll(c.args, level);
                return args == null ? e : new Expr.FunctionCall(c.iri, args);
            }
            return e;
        }

        /** The arguments with aggregates replaced, or null if none had one. */
        private List<Expr> replaceAll(List<Expr> args, int level) {
            List<Expr> out = null;
            for (int i = 0; i < args.size(); i++) {
                Expr a = args.get(i);
                Expr r = replace(a, level + 1);
                if (r != a && out == null) {
                    out = new ArrayList<>(args.subList(0, i));
                }
                if (out != null) {
                    out.add(r);
                }
            }
            return out;
        }

        /** A structural key: equal for equal aggregates. */
        private String key(Expr e, int level) {
            checkLevel(level);
            StringBuilder sb = new StringBuilder();
            if (e instanceof Expr.Var) {
                sb.append('?').append(((Expr.Var) e).name.length()).append(':').append(((Expr.Var) e).name);
            } else if (e instanceof Expr.Constant) {
                String t = ((Expr.Constant) e).term;
                sb.append('c').append(t.length()).append(':').append(t);
            } else if (e instanceof Expr.Call) {
                Expr.Call c = (Expr.Call) e;
                sb.append('f').append(c.name).append('(');
                for (Expr a : c.args) {
                    sb.append(key(a, level + 1)).append(',');
                }
                sb.append(')');
            } else if (e instanceof Expr.FunctionCall) {
                Expr.FunctionCall c = (Expr.FunctionCall) e;
                sb.append('i').append(c.iri.length()).append(':').append(c.iri).append('(');
                for (Expr a : c.args) {
                    sb.append(key(a, level + 1)).append(',');
                }
                sb.append(')');
            } else if (e instanceof Expr.Aggregate) {
                Expr.Aggregate a = (Expr.Aggregate) e;
                sb.append('a').append(a.name).append(a.distinct ? 'd' : '-').append('(')
                        .append(a.arg == null ? "*" : key(a.arg, level + 1)).append(')');
                if (a.separator != null) {
                    sb.append(a.separator.length()).append(':').append(a.separator);
                }
            } else {
                // EXISTS: never shared.
                sb.append('e').append(freshCount++);
            }
            return sb.toString();
        }
    }

    private String fresh(String kind) {
        return "_:#" + kind + (++freshCount);
    }

    // ---------------------------------------------------------------- group graph patterns

    /** A translated group: its pattern, and its top-level filters (not yet applied). */
    private static final class Group {
        final Op body;
        final List<Expr> filters;

        Group(Op body, List<Expr> filters) {
            this.body = body;
            this.filters = filters;
        }
    }

    private static Op op(Group g) {
        return g.filters.isEmpty() ? g.body : new Op.Filter(g.filters, g.body);
    }

    private static Op.Bgp emptyBgp() {
        return new Op.Bgp(Collections.<Op.TriplePattern>emptyList());
    }

    private static boolean isEmptyBgp(Op op) {
        return op instanceof Op.Bgp && ((Op.Bgp) op).patterns.isEmpty();
    }

    /** Join, with the empty pattern dropped (section 18.2.2.8); {@code left} null: nothing yet. */
    private static Op join(Op left, Op right) {
        if (left == null || isEmptyBgp(left)) {
            return right;
        }
        if (isEmptyBgp(right)) {
            return left;
        }
        return new Op.Join(left, right);
    }

    private Group groupGraphPattern() {
        expect("{");
        enter();
        boolean savedAggregates = aggregatesAllowed;
        aggregatesAllowed = false;
        Group g;
        if (isWord("SELECT")) {
            Op sub = subSelect();
            expect("}");
            g = new Group(sub, Collections.<Expr>emptyList());
        } else {
            g = groupGraphPatternSub();
        }
        aggregatesAllowed = savedAggregates;
        exit();
        return g;
    }

    /** The inside of a group up to and including its '}' (section 18.2.2.6). */
    private Group groupGraphPatternSub() {
        Op g = null;
        LinkedHashSet<String> scope = new LinkedHashSet<>();
        List<Expr> filters = new ArrayList<>();
        List<Object> triples = null;
        int triplesBgp = 0;
        boolean triplesAllowed = true;
        while (true) {
            Token t = tok();
            if (t.is("}")) {
                advance();
                break;
            }
            if (triplesAllowed && startsTriples(t)) {
                if (triples == null) {
                    triples = new ArrayList<>();
                    triplesBgp = ++bgpCount;
                }
                bgpId = triplesBgp;
                triplesBlock(triples);
                triplesAllowed = false;
                continue;
            }
            if (t.kind != SparqlLexer.WORD && !t.is("{")) {
                throw expected(!triplesAllowed && startsTriples(t) ? "'.' or '}'" : "'}'");
            }
            String w = t.kind == SparqlLexer.WORD ? t.upper : "{";
            if (w.equals("FILTER")) {
                advance();
                filters.add(constraint());
            } else if (w.equals("OPTIONAL") || w.equals("MINUS") || w.equals("GRAPH") || w.equals("SERVICE")
                    || w.equals("BIND") || w.equals("VALUES") || w.equals("{")) {
                if (triples != null) {
                    Op block = triplesOp(triples);
                    inScope(block, scope, 0);
                    g = join(g, block);
                    triples = null;
                }
                Op element;
                switch (w) {
                    case "OPTIONAL": {
                        advance();
                        Group opt = groupGraphPattern();
                        inScope(opt.body, scope, 0);
                        g = new Op.LeftJoin(g == null ? emptyBgp() : g, opt.body, conjunction(opt.filters));
                        element = null;
                        break;
                    }
                    case "MINUS":
                        advance();
                        g = new Op.Minus(g == null ? emptyBgp() : g, op(groupGraphPattern()));
                        element = null;
                        break;
                    case "GRAPH": {
                        noteNamedGraphs(advance(), "GRAPH");
                        Node graph = varOrIri("after GRAPH");
                        element = new Op.Graph(graph, op(groupGraphPattern()));
                        break;
                    }
                    case "SERVICE": {
                        advance();
                        boolean silent = false;
                        if (isWord("SILENT")) {
                            advance();
                            silent = true;
                        }
                        Node endpoint = varOrIri("after SERVICE");
                        element = new Op.Service(endpoint, op(groupGraphPattern()), silent);
                        break;
                    }
                    case "BIND": {
                        advance();
                        expect("(");
                        Expr e = expression();
                        if (!isWord("AS")) {
                            throw expected("AS ?name after the expression");
                        }
                        advance();
                        Token v = tok();
                        String var = expectVar();
                        expect(")");
                        if (scope.contains(var)) {
                            throw errorAt(v, "?" + var + " is already in scope here; BIND must introduce a new variable");
                        }
                        scope.add(var);
                        g = new Op.Extend(g == null ? emptyBgp() : g, var, e);
                        element = null;
                        break;
                    }
                    case "VALUES":
                        advance();
                        element = dataBlock();
                        break;
                    default: {
                        Op u = op(groupGraphPattern());
                        while (isWord("UNION")) {
                            advance();
                            u = new Op.Union(u, op(groupGraphPattern()));
                        }
                        element = u;
                        break;
                    }
                }
                if (element != null) {
                    inScope(element, scope, 0);
                    g = join(g, element);
                }
            } else {
                throw expected(!triplesAllowed && startsTriples(t) ? "'.' or '}'" : "'}'");
            }
            if (is(".")) {
                advance();
            }
            triplesAllowed = true;
        }
        if (triples != null) {
            g = join(g, triplesOp(triples));
        }
        return new Group(g == null ? emptyBgp() : g, filters);
    }

    /** The filters of an OPTIONAL as one expression (&&), or null for none. */
    private static Expr conjunction(List<Expr> filters) {
        Expr e = null;
        for (Expr f : filters) {
            e = e == null ? f : new Expr.Call("&&", list(e, f));
        }
        return e;
    }

    /** Adjacent triple patterns as basic graph patterns, joined with the path patterns between. */
    private static Op triplesOp(List<Object> items) {
        Op result = null;
        List<Op.TriplePattern> run = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Op.TriplePattern) {
                run.add((Op.TriplePattern) item);
            } else {
                if (!run.isEmpty()) {
                    result = result == null ? new Op.Bgp(run) : new Op.Join(result, new Op.Bgp(run));
                    run.clear();
                }
                result = result == null ? (Op) item : new Op.Join(result, (Op) item);
            }
        }
        if (!run.isEmpty()) {
            result = result == null ? new Op.Bgp(run) : new Op.Join(result, new Op.Bgp(run));
        }
        return result == null ? emptyBgp() : result;
    }

    private Op.Values dataBlock() {
        List<String> vars = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        if (tok().kind == SparqlLexer.VAR) {
            vars.add(advance().text);
            expect("{");
            while (!is("}")) {
                rows.add(new String[] {dataValue()});
            }
            advance();
        } else if (is("(")) {
            advance();
            while (tok().kind == SparqlLexer.VAR) {
                Token v = advance();
                if (vars.contains(v.text)) {
                    throw errorAt(v, "?" + v.text + " appears twice in VALUES");
                }
                vars.add(v.text);
            }
            expect(")");
            expect("{");
            while (is("(")) {
                Token open = advance();
                List<String> row = new ArrayList<>();
                while (!is(")")) {
                    row.add(dataValue());
                }
                advance();
                if (row.size() != vars.size()) {
                    throw errorAt(open, "this VALUES row has " + row.size() + (row.size() == 1 ? " value" : " values")
                            + " but there " + (vars.size() == 1 ? "is 1 variable" : "are " + vars.size() + " variables"));
                }
                rows.add(row.toArray(new String[0]));
            }
            expect("}");
        } else {
            throw expected("a variable or '(' after VALUES");
        }
        return new Op.Values(vars, rows);
    }

    /** DataBlockValue: an IRI, literal, number, boolean, or UNDEF (null). */
    private String dataValue() {
        Token t = tok();
        if (t.isWord("UNDEF")) {
            advance();
            return null;
        }
        String term = constantTerm();
        if (term == null) {
            throw expected("an IRI, a literal or UNDEF");
        }
        return term;
    }

    // ---------------------------------------------------------------- triples

    private boolean startsTriples(Token t) {
        switch (t.kind) {
            case SparqlLexer.VAR:
            case SparqlLexer.IRI:
            case SparqlLexer.PNAME:
            case SparqlLexer.BNODE:
            case SparqlLexer.STRING:
            case SparqlLexer.INTEGER:
            case SparqlLexer.DECIMAL:
            case SparqlLexer.DOUBLE:
                return true;
            case SparqlLexer.WORD:
                return t.upper.equals("TRUE") || t.upper.equals("FALSE");
            case SparqlLexer.PUNCT:
                return t.is("[") || t.is("(") || ((t.is("+") || t.is("-")) && signedNumberAt(0));
            default:
                return false;
        }
    }

    /** TriplesBlock: triples separated by '.', into a pattern's items. */
    private void triplesBlock(List<Object> out) {
        triplesTemplate(out, true);
    }

    /** Whether a verb starts here; path syntax counts too, to be refused where paths are not allowed. */
    private boolean startsVerb(Token t) {
        return t.kind == SparqlLexer.VAR || t.kind == SparqlLexer.IRI || t.kind == SparqlLexer.PNAME
                || (t.kind == SparqlLexer.WORD && t.text.equals("a")) || t.is("^") || t.is("!") || t.is("(");
    }

    private void triplesSameSubject() {
        Token t = tok();
        Node subject;
        if ((t.is("[") && !peek(1).is("]")) || (t.is("(") && !peek(1).is(")"))) {
            subject = triplesNode();
            if (startsVerb(tok())) {
                propertyList(subject);
            }
        } else {
            subject = varOrTerm();
            if (!startsVerb(tok())) {
                throw expected("a predicate");
            }
            propertyList(subject);
        }
    }

    /** PropertyListNotEmpty (or its path form): verb object-list pairs separated by ';'. */
    private void propertyList(Node subject) {
        while (true) {
            Token t = tok();
            if (t.kind == SparqlLexer.VAR) {
                objectList(subject, variable(), null);
            } else if (pathsAllowed) {
                Path path = path();
                if (path instanceof Path.Link) {
                    objectList(subject, Node.term(((Path.Link) path).iri), null);
                } else {
                    objectList(subject, null, path);
                }
            } else if (t.kind == SparqlLexer.WORD && t.text.equals("a")) {
                advance();
                objectList(subject, Node.term(RDF_TYPE), null);
            } else if (t.kind == SparqlLexer.IRI || t.kind == SparqlLexer.PNAME) {
                objectList(subject, Node.term(iri()), null);
            } else {
                throw expected(inTemplate ? "a predicate (an IRI, 'a' or a variable: property paths are not allowed in a"
                        + " CONSTRUCT template)"
                        : "a predicate (an IRI, 'a' or a variable: property paths are not allowed in CONSTRUCT WHERE)");
            }
            if (!is(";")) {
                return;
            }
            while (is(";")) {
                advance();
            }
            if (!startsVerb(tok())) {
                return;
            }
        }
    }

    private void objectList(Node subject, Node predicate, Path path) {
        while (true) {
            Node object = graphNode();
            if (path == null) {
                sink.add(new Op.TriplePattern(subject, predicate, object));
            } else if (path instanceof Path.Inverse && ((Path.Inverse) path).path instanceof Path.Link) {
                sink.add(new Op.TriplePattern(object, Node.term(((Path.Link) ((Path.Inverse) path).path).iri), subject));
            } else {
                sink.add(new Op.PathPattern(subject, path, object));
            }
            if (!is(",")) {
                return;
            }
            advance();
        }
    }

    private Node graphNode() {
        Token t = tok();
        if ((t.is("[") && !peek(1).is("]")) || (t.is("(") && !peek(1).is(")"))) {
            return triplesNode();
        }
        return varOrTerm();
    }

    /** BlankNodePropertyList or Collection: emits its triples, returns its node. */
    private Node triplesNode() {
        Token open = advance();
        enter();
        Node node;
        if (open.is("[")) {
            node = anonymous(open);
            if (!startsVerb(tok())) {
                throw expected("a predicate or ']'");
            }
            propertyList(node);
            expect("]");
        } else {
            List<Node> items = new ArrayList<>();
            while (!is(")")) {
                if (tok().kind == SparqlLexer.EOF) {
                    throw expected("')'");
                }
                items.add(graphNode());
            }
            advance();
            node = anonymous(open);
            Node current = node;
            for (int i = 0; i < items.size(); i++) {
                sink.add(new Op.TriplePattern(current, Node.term(RDF_FIRST), items.get(i)));
                Node next = i == items.size() - 1 ? Node.term(RDF_NIL) : anonymous(open);
                sink.add(new Op.TriplePattern(current, Node.term(RDF_REST), next));
                current = next;
            }
        }
        exit();
        return node;
    }

    private Node anonymous(Token at) {
        if (blankNodeRule != null) {
            throw errorAt(at, blankNodeRule);
        }
        String name = fresh("b");
        return inTemplate ? Node.term(name) : Node.var(name);
    }

    /** Var or GraphTerm (IRI, literal, number, boolean, blank node, '()'). */
    private Node varOrTerm() {
        Token t = tok();
        if (t.kind == SparqlLexer.VAR) {
            return variable();
        }
        if (t.kind == SparqlLexer.BNODE) {
            advance();
            String name = "_:" + t.text;
            if (inTemplate) {
                if (blankNodeRule != null) {
                    throw errorAt(t, blankNodeRule);
                }
                if (templateLabels != null) {
                    if (dataLabels.contains(t.text)) {
                        throw errorAt(t, "blank node " + name + " is already used by an earlier INSERT DATA of this request;"
                                + " its blank node labels belong to it alone");
                    }
                    templateLabels.add(t.text);
                }
                return Node.term(name);
            }
            Integer owner = labelOwners.get(t.text);
            if (owner == null) {
                labelOwners.put(t.text, bgpId);
            } else if (owner != bgpId) {
                throw errorAt(t, "blank node " + name + " is already used in another basic graph pattern;"
                        + " a blank node label belongs to one (use a variable to join across patterns)");
            }
            return Node.var(name);
        }
        if (t.is("[") && peek(1).is("]")) {
            advance();
            advance();
            return anonymous(t);
        }
        if (t.is("(") && peek(1).is(")")) {
            advance();
            advance();
            return Node.term(RDF_NIL);
        }
        String term = constantTerm();
        if (term == null) {
            throw expected("a variable, an IRI, a literal or a blank node");
        }
        return Node.term(term);
    }

    private Node varOrIri(String where) {
        Token t = tok();
        if (t.kind == SparqlLexer.VAR) {
            return variable();
        }
        if (t.kind == SparqlLexer.IRI || t.kind == SparqlLexer.PNAME) {
            return Node.term(iri());
        }
        throw expected("a variable or an IRI " + where);
    }

    /** The variable token next, where the grammar allows one: not in INSERT DATA or DELETE DATA. */
    private Node variable() {
        Token t = advance();
        if (!variablesAllowed) {
            throw errorAt(t, "variables are not allowed in INSERT DATA or DELETE DATA"
                    + " (INSERT ... WHERE and DELETE WHERE take patterns)");
        }
        return Node.var(t.text);
    }

    // ---------------------------------------------------------------- terms

    /** An IRI, literal, number or boolean as a stored term; null (nothing consumed) if none is next. */
    private String constantTerm() {
        Token t = tok();
        switch (t.kind) {
            case SparqlLexer.IRI:
            case SparqlLexer.PNAME:
                return iri();
            case SparqlLexer.STRING:
                return rdfLiteral();
            case SparqlLexer.INTEGER:
            case SparqlLexer.DECIMAL:
            case SparqlLexer.DOUBLE:
                advance();
                return number(t, "");
            case SparqlLexer.WORD:
                if (t.upper.equals("TRUE") || t.upper.equals("FALSE")) {
                    advance();
                    return RdfTerms.literal(t.upper.equals("TRUE") ? "true" : "false", null, XSD_BOOLEAN);
                }
                return null;
            case SparqlLexer.PUNCT:
                if ((t.is("+") || t.is("-")) && signedNumberAt(0)) {
                    advance();
                    return number(advance(), t.text);
                }
                return null;
            default:
                return null;
        }
    }

    /** Whether the token at {@code k} is a sign written right before a number (one token in SPARQL). */
    private boolean signedNumberAt(int k) {
        Token sign = peek(k);
        Token n = peek(k + 1);
        return (n.kind == SparqlLexer.INTEGER || n.kind == SparqlLexer.DECIMAL || n.kind == SparqlLexer.DOUBLE)
                && n.start == sign.end;
    }

    private static String number(Token t, String sign) {
        String datatype = t.kind == SparqlLexer.INTEGER ? XSD_INTEGER : t.kind == SparqlLexer.DECIMAL ? XSD_DECIMAL : XSD_DOUBLE;
        return RdfTerms.literal(sign + t.text, null, datatype);
    }

    private String rdfLiteral() {
        String lexical = advance().text;
        if (tok().kind == SparqlLexer.LANGTAG) {
            return RdfTerms.literal(lexical, advance().text, null);
        }
        if (is("^^")) {
            advance();
            if (tok().kind != SparqlLexer.IRI && tok().kind != SparqlLexer.PNAME) {
                throw expected("a datatype IRI after '^^'");
            }
            return RdfTerms.literal(lexical, null, iri());
        }
        return RdfTerms.literal(lexical);
    }

    /** An IRI or prefixed name, resolved or expanded. */
    private String iri() {
        Token t = tok();
        if (t.kind == SparqlLexer.IRI) {
            advance();
            return IriResolver.resolve(base, t.text);
        }
        if (t.kind == SparqlLexer.PNAME) {
            String ns = prefixes.get(t.text);
            if (ns == null) {
                throw errorAt(t, "undefined prefix '" + t.text + ":' (declare it with PREFIX " + t.text + ": <...>)");
            }
            advance();
            return ns + t.local;
        }
        throw expected("an IRI");
    }

    // ---------------------------------------------------------------- property paths

    private Path path() {
        enter();
        Path p = pathSequence();
        while (is("|")) {
            advance();
            p = new Path.Alt(p, pathSequence());
        }
        exit();
        return p;
    }

    private Path pathSequence() {
        Path p = pathEltOrInverse();
        while (is("/")) {
            advance();
            p = new Path.Seq(p, pathEltOrInverse());
        }
        return p;
    }

    private Path pathEltOrInverse() {
        if (is("^")) {
            advance();
            return new Path.Inverse(pathElt());
        }
        return pathElt();
    }

    private Path pathElt() {
        Path p = pathPrimary();
        if (is("*")) {
            advance();
            return new Path.Repeat(p, 0, -1);
        }
        if (is("+")) {
            advance();
            return new Path.Repeat(p, 1, -1);
        }
        if (is("?")) {
            advance();
            return new Path.Repeat(p, 0, 1);
        }
        return p;
    }

    private Path pathPrimary() {
        Token t = tok();
        if (t.kind == SparqlLexer.IRI || t.kind == SparqlLexer.PNAME) {
            return new Path.Link(iri());
        }
        if (t.kind == SparqlLexer.WORD && t.text.equals("a")) {
            advance();
            return new Path.Link(RDF_TYPE);
        }
        if (t.is("!")) {
            advance();
            List<String> forward = new ArrayList<>();
            List<String> inverse = new ArrayList<>();
            if (is("(")) {
                advance();
                if (!is(")")) {
                    pathOneInPropertySet(forward, inverse);
                    while (is("|")) {
                        advance();
                        pathOneInPropertySet(forward, inverse);
                    }
                }
                expect(")");
            } else {
                pathOneInPropertySet(forward, inverse);
            }
            return new Path.NegatedSet(forward, inverse);
        }
        if (t.is("(")) {
            advance();
            Path p = path();
            expect(")");
            return p;
        }
        throw expected("a property path (an IRI, 'a', '^', '!' or '(')");
    }

    private void pathOneInPropertySet(List<String> forward, List<String> inverse) {
        List<String> into = forward;
        if (is("^")) {
            advance();
            into = inverse;
        }
        Token t = tok();
        if (t.kind == SparqlLexer.WORD && t.text.equals("a")) {
            advance();
            into.add(RDF_TYPE);
        } else if (t.kind == SparqlLexer.IRI || t.kind == SparqlLexer.PNAME) {
            into.add(iri());
        } else {
            throw expected("an IRI or 'a' in a negated property set");
        }
    }

    // ---------------------------------------------------------------- expressions

    private static List<Expr> list(Expr a, Expr b) {
        List<Expr> l = new ArrayList<>(2);
        l.add(a);
        l.add(b);
        return l;
    }

    private Expr expression() {
        return binary(1);
    }

    /** Precedence of a binary operator: || 1, && 2, comparisons and IN 3, + - 4, * / 5; 0 for none. */
    private int precedence(Token t) {
        if (t.kind == SparqlLexer.PUNCT) {
            switch (t.text) {
                case "||":
                    return 1;
                case "&&":
                    return 2;
                case "=":
                case "!=":
                case "<":
                case ">":
                case "<=":
                case ">=":
                    return 3;
                case "+":
                case "-":
                    return 4;
                case "*":
                case "/":
                    return 5;
                default:
                    return 0;
            }
        }
        if (t.isWord("IN") || (t.isWord("NOT") && peek(1).isWord("IN"))) {
            return 3;
        }
        return 0;
    }

    /**
     * Operators of precedence {@code min} and above, left-associative; comparisons do not chain.
     * {@code min} 1 is a whole expression, one level of nesting.
     */
    private Expr binary(int min) {
        if (min == 1) {
            enter();
        }
        Expr left = primary(true);
        boolean compared = false;
        while (true) {
            Token t = tok();
            int prec = precedence(t);
            if (prec == 0 || prec < min) {
                break;
            }
            if (prec == 3) {
                if (compared) {
                    throw errorAt(t, "comparisons cannot be chained; combine them with && or ||");
                }
                compared = true;
            }
            advance();
            if (t.kind == SparqlLexer.WORD) {
                String name = "IN";
                if (t.upper.equals("NOT")) {
                    advance();
                    name = "NOT IN";
                }
                List<Expr> args = new ArrayList<>();
                args.add(left);
                args.addAll(expressionList(name));
                left = new Expr.Call(name, args);
            } else {
                left = new Expr.Call(t.text, list(left, binary(prec == 3 ? 4 : prec + 1)));
            }
        }
        if (min == 1) {
            exit();
        }
        return left;
    }

    /**
     * PrimaryExpression or, if {@code unary}, UnaryExpression: '!', '+' or '-' before a primary
     * expression (one method, to keep the stack shallow for nested brackets).
     */
    private Expr primary(boolean unary) {
        Token t = tok();
        if (unary && (t.is("!") || ((t.is("+") || t.is("-")) && !signedNumberAt(0)))) {
            advance();
            String name = t.is("!") ? "!" : t.is("+") ? "u+" : "u-";
            return new Expr.Call(name, Collections.singletonList(primary(false)));
        }
        switch (t.kind) {
            case SparqlLexer.VAR:
                advance();
                return new Expr.Var(t.text);
            case SparqlLexer.IRI:
            case SparqlLexer.PNAME: {
                String iri = iri();
                if (is("(")) {
                    return new Expr.FunctionCall(iri, argList());
                }
                return new Expr.Constant(iri);
            }
            case SparqlLexer.WORD:
                if (t.upper.equals("TRUE") || t.upper.equals("FALSE")) {
                    return new Expr.Constant(constantTerm());
                }
                if (isBuiltIn(t)) {
                    return builtInCall();
                }
                throw expected("an expression");
            case SparqlLexer.PUNCT:
                if (t.is("(")) {
                    advance();
                    Expr e = expression();
                    expect(")");
                    return e;
                }
                break;
            default:
                break;
        }
        String term = constantTerm();
        if (term == null) {
            throw expected("an expression");
        }
        return new Expr.Constant(term);
    }

    private boolean isBuiltIn(Token t) {
        if (t.kind != SparqlLexer.WORD) {
            return false;
        }
        String w = t.upper;
        return BUILT_INS.containsKey(w) || AGGREGATES.contains(w) || w.equals("BOUND") || w.equals("EXISTS")
                || (w.equals("NOT") && peek(1).isWord("EXISTS"));
    }

    private boolean startsCall(Token t) {
        return isBuiltIn(t) || t.kind == SparqlLexer.IRI || t.kind == SparqlLexer.PNAME;
    }

    private boolean startsConstraint(Token t) {
        return t.is("(") || startsCall(t);
    }

    /** Constraint: a bracketted expression, a built-in call or a function call (FILTER, HAVING, ORDER BY). */
    private Expr constraint() {
        Token t = tok();
        if (t.is("(")) {
            advance();
            Expr e = expression();
            expect(")");
            return e;
        }
        if (isBuiltIn(t)) {
            return builtInCall();
        }
        if (t.kind == SparqlLexer.IRI || t.kind == SparqlLexer.PNAME) {
            String iri = iri();
            if (!is("(")) {
                throw expected("'(' after the function name");
            }
            return new Expr.FunctionCall(iri, argList());
        }
        throw expected("'(' or a function call");
    }

    /** ArgList of a function named by an IRI. */
    private List<Expr> argList() {
        expect("(");
        List<Expr> args = new ArrayList<>();
        if (is(")")) {
            advance();
            return args;
        }
        if (isWord("DISTINCT")) {
            throw errorAt(tok(), "DISTINCT is only supported in the built-in aggregates");
        }
        args.add(expression());
        while (is(",")) {
            advance();
            args.add(expression());
        }
        expect(")");
        return args;
    }

    /** ExpressionList: '(' expressions separated by ',' ')', possibly empty. */
    private List<Expr> expressionList(String of) {
        if (!is("(")) {
            throw expected("'(' after " + of);
        }
        advance();
        List<Expr> args = new ArrayList<>();
        if (is(")")) {
            advance();
            return args;
        }
        args.add(expression());
        while (is(",")) {
            advance();
            args.add(expression());
        }
        expect(")");
        return args;
    }

    private Expr builtInCall() {
        Token t = advance();
        String name = t.upper;
        if (AGGREGATES.contains(name)) {
            return aggregate(t);
        }
        if (name.equals("NOT")) {
            advance();
            return new Expr.Exists(op(groupGraphPattern()), true);
        }
        if (name.equals("EXISTS")) {
            if (!is("{")) {
                throw expected("'{' after EXISTS");
            }
            return new Expr.Exists(op(groupGraphPattern()), false);
        }
        if (name.equals("BOUND")) {
            expect("(");
            if (tok().kind != SparqlLexer.VAR) {
                throw expected("a variable (BOUND takes a variable)");
            }
            Expr v = new Expr.Var(advance().text);
            expect(")");
            return new Expr.Call("BOUND", Collections.singletonList(v));
        }
        int[] arity = BUILT_INS.get(name);
        List<Expr> args = expressionList(name);
        if (arity[0] >= 0 && (args.size() < arity[0] || args.size() > arity[1])) {
            String count = arity[0] == 0 && arity[1] == 0 ? "no arguments"
                    : arity[0] == arity[1] ? arity[0] + (arity[0] == 1 ? " argument" : " arguments")
                    : arity[0] + " or " + arity[1] + " arguments";
            throw errorAt(t, name + " takes " + count + ", not " + args.size());
        }
        return new Expr.Call(name, args);
    }

    private Expr aggregate(Token t) {
        String name = t.upper;
        if (!aggregatesAllowed) {
            throw errorAt(t, "the aggregate " + name + " is not allowed here: aggregates belong in SELECT, HAVING and"
                    + " ORDER BY, and not inside another aggregate");
        }
        expect("(");
        boolean distinct = false;
        if (isWord("DISTINCT")) {
            advance();
            distinct = true;
        }
        aggregatesAllowed = false;
        Expr arg;
        if (name.equals("COUNT") && is("*")) {
            advance();
            arg = null;
        } else {
            arg = expression();
        }
        String separator = null;
        if (name.equals("GROUP_CONCAT")) {
            separator = " ";
            if (is(";")) {
                advance();
                expectWord("SEPARATOR");
                expect("=");
                if (tok().kind != SparqlLexer.STRING) {
                    throw expected("a string after SEPARATOR =");
                }
                separator = advance().text;
            }
        }
        expect(")");
        aggregatesAllowed = true;
        return new Expr.Aggregate(name, distinct, arg, separator);
    }

    // ---------------------------------------------------------------- algebra walks (bounded)

    private void checkLevel(int level) {
        if (level > MAX_TREE_DEPTH) {
            throw errorAt(tok(), "the query is too complex: its operators, joins and unions nest more than "
                    + MAX_TREE_DEPTH + " levels deep (use IN or VALUES for long lists of alternatives)");
        }
    }

    /** The in-scope variables of a pattern (section 18.2.1), in order of first appearance. */
    private void inScope(Op op, Set<String> out, int level) {
        checkLevel(level);
        if (op instanceof Op.Bgp) {
            for (Op.TriplePattern t : ((Op.Bgp) op).patterns) {
                addVar(t.s, out);
                addVar(t.p, out);
                addVar(t.o, out);
            }
        } else if (op instanceof Op.PathPattern) {
            addVar(((Op.PathPattern) op).s, out);
            addVar(((Op.PathPattern) op).o, out);
        } else if (op instanceof Op.Join) {
            inScope(((Op.Join) op).left, out, level + 1);
            inScope(((Op.Join) op).right, out, level + 1);
        } else if (op instanceof Op.LeftJoin) {
            inScope(((Op.LeftJoin) op).left, out, level + 1);
            inScope(((Op.LeftJoin) op).right, out, level + 1);
        } else if (op instanceof Op.Union) {
            inScope(((Op.Union) op).left, out, level + 1);
            inScope(((Op.Union) op).right, out, level + 1);
        } else if (op instanceof Op.Minus) {
            inScope(((Op.Minus) op).left, out, level + 1);
        } else if (op instanceof Op.Filter) {
            inScope(((Op.Filter) op).op, out, level + 1);
        } else if (op instanceof Op.Extend) {
            inScope(((Op.Extend) op).op, out, level + 1);
            out.add(((Op.Extend) op).var);
        } else if (op instanceof Op.Values) {
            out.addAll(((Op.Values) op).vars);
        } else if (op instanceof Op.Graph) {
            addVar(((Op.Graph) op).graph, out);
            inScope(((Op.Graph) op).op, out, level + 1);
        } else if (op instanceof Op.Service) {
            inScope(((Op.Service) op).op, out, level + 1);
        } else if (op instanceof Op.Group) {
            for (Op.GroupKey k : ((Op.Group) op).keys) {
                if (k.var != null) {
                    out.add(k.var);
                }
            }
            for (Op.AggregateBinding b : ((Op.Group) op).aggregates) {
                out.add(b.var);
            }
        } else if (op instanceof Op.Project) {
            out.addAll(((Op.Project) op).vars);
        } else if (op instanceof Op.OrderBy) {
            inScope(((Op.OrderBy) op).op, out, level + 1);
        } else if (op instanceof Op.Distinct) {
            inScope(((Op.Distinct) op).op, out, level + 1);
        } else if (op instanceof Op.Reduced) {
            inScope(((Op.Reduced) op).op, out, level + 1);
        } else if (op instanceof Op.Slice) {
            inScope(((Op.Slice) op).op, out, level + 1);
        }
    }

    private static void addVar(Node n, Set<String> out) {
        if (n.isVar()) {
            out.add(n.var);
        }
    }

    private boolean containsAggregate(Expr e, int level) {
        checkLevel(level);
        if (e instanceof Expr.Aggregate) {
            return true;
        }
        List<Expr> args = e instanceof Expr.Call ? ((Expr.Call) e).args
                : e instanceof Expr.FunctionCall ? ((Expr.FunctionCall) e).args : Collections.<Expr>emptyList();
        for (Expr a : args) {
            if (containsAggregate(a, level + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The variables an expression reads, outside EXISTS patterns. */
    private void varsOf(Expr e, Set<String> out, int level) {
        checkLevel(level);
        if (e instanceof Expr.Var) {
            out.add(((Expr.Var) e).name);
        } else if (e instanceof Expr.Call) {
            for (Expr a : ((Expr.Call) e).args) {
                varsOf(a, out, level + 1);
            }
        } else if (e instanceof Expr.FunctionCall) {
            for (Expr a : ((Expr.FunctionCall) e).args) {
                varsOf(a, out, level + 1);
            }
        } else if (e instanceof Expr.Aggregate && ((Expr.Aggregate) e).arg != null) {
            varsOf(((Expr.Aggregate) e).arg, out, level + 1);
        }
    }

    /** Refuses an algebra deeper than {@link #MAX_TREE_DEPTH}, which evaluators could not walk. */
    private void checkTreeDepth(Op op, int level) {
        checkLevel(level);
        int next = level + 1;
        if (op instanceof Op.Join) {
            checkTreeDepth(((Op.Join) op).left, next);
            checkTreeDepth(((Op.Join) op).right, next);
        } else if (op instanceof Op.LeftJoin) {
            Op.LeftJoin j = (Op.LeftJoin) op;
            checkTreeDepth(j.left, next);
            checkTreeDepth(j.right, next);
            if (j.filter != null) {
                checkTreeDepth(j.filter, next);
            }
        } else if (op instanceof Op.Union) {
            checkTreeDepth(((Op.Union) op).left, next);
            checkTreeDepth(((Op.Union) op).right, next);
        } else if (op instanceof Op.Minus) {
            checkTreeDepth(((Op.Minus) op).left, next);
            checkTreeDepth(((Op.Minus) op).right, next);
        } else if (op instanceof Op.Filter) {
            for (Expr e : ((Op.Filter) op).exprs) {
                checkTreeDepth(e, next);
            }
            checkTreeDepth(((Op.Filter) op).op, next);
        } else if (op instanceof Op.Extend) {
            checkTreeDepth(((Op.Extend) op).expr, next);
            checkTreeDepth(((Op.Extend) op).op, next);
        } else if (op instanceof Op.PathPattern) {
            checkTreeDepth(((Op.PathPattern) op).path, next);
        } else if (op instanceof Op.Graph) {
            checkTreeDepth(((Op.Graph) op).op, next);
        } else if (op instanceof Op.Service) {
            checkTreeDepth(((Op.Service) op).op, next);
        } else if (op instanceof Op.Group) {
            Op.Group g = (Op.Group) op;
            for (Op.GroupKey k : g.keys) {
                checkTreeDepth(k.expr, next);
            }
            for (Op.AggregateBinding b : g.aggregates) {
                checkTreeDepth(b.aggregate, next);
            }
            checkTreeDepth(g.op, next);
        } else if (op instanceof Op.OrderBy) {
            for (Op.OrderKey k : ((Op.OrderBy) op).keys) {
                checkTreeDepth(k.expr, next);
            }
            checkTreeDepth(((Op.OrderBy) op).op, next);
        } else if (op instanceof Op.Project) {
            checkTreeDepth(((Op.Project) op).op, next);
        } else if (op instanceof Op.Distinct) {
            checkTreeDepth(((Op.Distinct) op).op, next);
        } else if (op instanceof Op.Reduced) {
            checkTreeDepth(((Op.Reduced) op).op, next);
        } else if (op instanceof Op.Slice) {
            checkTreeDepth(((Op.Slice) op).op, next);
        }
    }

    private void checkTreeDepth(Expr e, int level) {
        checkLevel(level);
        if (e instanceof Expr.Call) {
            for (Expr a : ((Expr.Call) e).args) {
                checkTreeDepth(a, level + 1);
            }
        } else if (e instanceof Expr.FunctionCall) {
            for (Expr a : ((Expr.FunctionCall) e).args) {
                checkTreeDepth(a, level + 1);
            }
        } else if (e instanceof Expr.Aggregate) {
            if (((Expr.Aggregate) e).arg != null) {
                checkTreeDepth(((Expr.Aggregate) e).arg, level + 1);
            }
        } else if (e instanceof Expr.Exists) {
            checkTreeDepth(((Expr.Exists) e).pattern, level + 1);
        }
    }

    private void checkTreeDepth(Path p, int level) {
        checkLevel(level);
        if (p instanceof Path.Seq) {
            checkTreeDepth(((Path.Seq) p).first, level + 1);
            checkTreeDepth(((Path.Seq) p).second, level + 1);
        } else if (p instanceof Path.Alt) {
            checkTreeDepth(((Path.Alt) p).first, level + 1);
            checkTreeDepth(((Path.Alt) p).second, level + 1);
        } else if (p instanceof Path.Inverse) {
            checkTreeDepth(((Path.Inverse) p).path, level + 1);
        } else if (p instanceof Path.Repeat) {
            checkTreeDepth(((Path.Repeat) p).path, level + 1);
        }
    }
}
