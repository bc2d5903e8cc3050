package org.nervusdb.rdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.nervusdb.query.IriResolver;

/**
 * A streaming parser for Turtle (W3C Turtle 1.1, RDF 1.1): directives ({@code @prefix},
 * {@code @base}, {@code PREFIX}, {@code BASE}), relative IRIs resolved against the base (RFC 3986),
 * predicate and object lists, collections, blank node property lists, and every literal form
 * (short and long strings with either quote, language tags, datatypes, integers, decimals,
 * doubles, booleans). Statements go to an {@link RdfSink} as stored terms (see {@link RdfTerms})
 * as soon as they are read; memory grows only with the nesting of collections and blank node
 * property lists (at most {@value Lexer#MAX_DEPTH} levels) and the prefix table.
 *
 * <p>Blank nodes: {@code _:label} becomes {@code _:<prefix>label} and each {@code []}, property
 * list or collection node becomes {@code _:<prefix>-<n>}, n counting from 1 in each parse. A
 * label written in Turtle cannot start with '-', so the two never collide. The prefix is
 * {@link #blankNodePrefix(String)}, empty by default; give each file its own to keep the
 * {@code _:b1} of one file apart from that of another.
 *
 * <p>Without a base IRI, relative IRIs that no {@code @base} resolves stay as written, which is
 * how NervusDB's plain names are stored.
 *
 * <p>{@link #trig()} makes a parser for TriG (W3C RDF 1.1 TriG): the same Turtle statements,
 * grouped in graphs by {@code { ... }} (the default graph), {@code GRAPH label { ... }} or
 * {@code label { ... }}, the label an IRI or a blank node ({@code _:g} or {@code []}); statements
 * outside any block are in the default graph. Inside a block the last statement's '.' is optional
 * and directives are not allowed. Each statement goes to the sink with its graph's term (null for
 * the default graph), resolved and prefixed as any other term. A blank node label means the same
 * node in every graph of the document.
 *
 * <p>Errors are {@link RdfSyntaxException}s with the line and column. By default the first one
 * stops the parse. With an error handler, the handler receives it, nothing of the statement in
 * which it occurred is emitted (statements are then held back until their final '.'), and
 * parsing resumes at the start of the next statement: the bad statement ends at its final '.' or
 * at the end of a line after which a line starts a statement in its first column, strings, IRIs
 * and comments passed over whole ({@link TurtleRecovery} has the rule). In TriG, a bad statement
 * inside a block is skipped alone and the block goes on; a bad statement that opens a block (a
 * bad graph label) is skipped with its whole block.
 *
 * <p>The parser reads UTF-8 bytes or characters. From bytes, malformed UTF-8 is an error at the
 * line and column of its first byte. From characters, decode files with a strict decoder
 * ({@code StandardCharsets.UTF_8.newDecoder()}) so that malformed UTF-8 is an error rather than
 * U+FFFD (the decoder's error, which names no position). Invalid UTF-16 from the reader (a lone
 * surrogate) is an {@link RdfSyntaxException}.
 */
public final class TurtleParser {
    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String RDF_TYPE = RDF + "type";
    private static final String RDF_FIRST = RDF + "first";
    private static final String RDF_REST = RDF + "rest";
    private static final String RDF_NIL = RDF + "nil";

    private final String initialBase;
    private final boolean trig;
    private String blankPrefix = "";
    private int maxTermBytes = Integer.MAX_VALUE;
    /** Where the name of the graph being read begins (TriG); 0 for the default graph. */
    private int graphLine;
    private int graphColumn;

    /** A parser without a base IRI. */
    public TurtleParser() {
        this(null);
    }

    /** A parser that resolves relative IRIs against {@code baseIri} (null: none). */
    public TurtleParser(String baseIri) {
        this(baseIri, false);
    }

    private TurtleParser(String baseIri, boolean trig) {
        this.initialBase = baseIri;
        this.trig = trig;
    }

    /** A parser for TriG without a base IRI. */
    public static TurtleParser trig() {
        return new TurtleParser(null, true);
    }

    /** A parser for TriG that resolves relative IRIs against {@code baseIri} (null: none). */
    public static TurtleParser trig(String baseIri) {
        return new TurtleParser(baseIri, true);
    }

    /** Put before every blank node label (letters, digits, '_', '-' and '.' keep it a valid label). */
    public TurtleParser blankNodePrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("blank node prefix is null");
        }
        this.blankPrefix = prefix;
        return this;
    }

    /**
     * The longest term accepted, in bytes of UTF-8 (of the stored term: a literal with its quotes,
     * language tag or datatype); a longer one is an error at the line and column where it begins.
     * No limit by default.
     */
    public TurtleParser maxTermBytes(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxTermBytes must be >= 1, got " + max);
        }
        this.maxTermBytes = max;
        return this;
    }

    /**
     * During a call of the sink: the line where the name of the statement's graph begins (TriG),
     * 0 for the default graph.
     */
    public int graphLine() {
        return graphLine;
    }

    /** During a call of the sink: the column where the name of the statement's graph begins, 0 for the default graph. */
    public int graphColumn() {
        return graphColumn;
    }

    /** Parses the whole input; stops at the first error. Returns the number of statements. */
    public long parse(Reader reader, RdfSink sink) throws IOException {
        return parse(reader, sink, null);
    }

    /**
     * Parses the whole input. With {@code onInvalid} null the first error is thrown; otherwise each
     * bad statement is skipped and its error handed to {@code onInvalid}. Returns the number of
     * statements (triples) emitted.
     */
    public long parse(Reader reader, RdfSink sink, Consumer<RdfSyntaxException> onInvalid) throws IOException {
        return new Run(new CharInput(reader), sink, onInvalid).document();
    }

    /**
     * Parses the whole input, UTF-8: as {@link #parse(Reader, RdfSink, Consumer)}, and malformed
     * UTF-8 is an error at the line and column of its first byte (skipped with its statement).
     */
    public long parse(InputStream utf8, RdfSink sink, Consumer<RdfSyntaxException> onInvalid) throws IOException {
        return new Run(new CharInput(utf8), sink, onInvalid).document();
    }

    /** The state of one parse. */
    private final class Run {
        private final CharInput in;
        private final Lexer lex;
        private final RdfSink sink;
        private final Consumer<RdfSyntaxException> onInvalid;
        private final Map<String, String> prefixes = new HashMap<>();
        private final List<String> held = new ArrayList<>();
        private String base = initialBase;
        private long blanks;
        private long count;
        private int depth;
        /** Where the term being read begins (fields, not locals, to keep the frames of nesting small). */
        private int termLine;
        private int termColumn;
        /** The line of the statement being read; MAX_VALUE before its first character. */
        private int statementLine;
        /** Whether the last {@code [...]} read was empty. */
        private boolean lastBracketEmpty;
        /** TriG: the graph of the block being read (null: the default graph), whether one is open, and where. */
        private String graph;
        private boolean inBlock;
        private int blockLine;
        private int blockColumn;

        Run(CharInput in, RdfSink sink, Consumer<RdfSyntaxException> onInvalid) {
            graphLine = 0;
            graphColumn = 0;
            this.in = in;
            this.lex = new Lexer(in);
            this.sink = sink;
            this.onInvalid = onInvalid;
        }

        long document() throws IOException {
            while (true) {
                try {
                    statementLine = Integer.MAX_VALUE;
                    ws();
                    if (in.peek() == CharInput.EOF) {
                        if (inBlock) {
                            inBlock = false;
                            graph = null;
                            graphLine = 0;
                            graphColumn = 0;
                            throw in.error("'}' expected to close the graph opened at line " + blockLine + ", column "
                                    + blockColumn);
                        }
                        return count;
                    }
                    statementLine = in.line();
                    if (inBlock && in.peek() == '}') {
                        in.next();
                        inBlock = false;
                        graph = null;
                        graphLine = 0;
                        graphColumn = 0;
                        continue;
                    }
                    statement();
                    for (int i = 0; i < held.size(); i += 3) {
                        sink.statement(held.get(i), held.get(i + 1), held.get(i + 2), graph);
                    }
                    held.clear();
                } catch (RdfSyntaxException e) {
                    if (onInvalid == null) {
                        throw e;
                    }
                    count -= held.size() / 3;
                    held.clear();
                    depth = 0;
                    onInvalid.accept(e);
                    int open = lex.open;
                    lex.open = 0;
                    TurtleRecovery.skipStatement(in, open, in.line() > statementLine,
                            !trig ? TurtleRecovery.TURTLE : inBlock ? TurtleRecovery.IN_BLOCK : TurtleRecovery.TOP);
                }
            }
        }

        /** {@code t}, the term read from {@link #termLine}:{@link #termColumn}, if it is not too long. */
        private String term(String t) {
            if (t.length() > maxTermBytes / 3 && Lexer.longerThan(t, maxTermBytes)) {
                throw Lexer.tooLong(maxTermBytes, termLine, termColumn);
            }
            return t;
        }

        private void emit(String s, String p, String o) {
            count++;
            if (onInvalid == null) {
                sink.statement(s, p, o, graph);
            } else {
                held.add(s);
                held.add(p);
                held.add(o);
            }
        }

        private void statement() throws IOException {
            int line = in.line();
            int column = in.column();
            int c = in.peek();
            int directive = c == '@' ? 1 : keyword("PREFIX") ? 2 : keyword("BASE") ? 3 : 0;
            if (directive != 0) {
                if (inBlock) {
                    throw new RdfSyntaxException("directives are not allowed inside a graph", line, column);
                }
                if (directive == 1) {
                    directive();
                } else if (directive == 2) {
                    prefixBody();
                } else {
                    baseBody();
                }
                return;
            }
            if (trig && !inBlock && (c == '{' || keyword("GRAPH"))) {
                if (c != '{') {
                    ws();
                    line = in.line();
                    column = in.column();
                    c = in.peek();
                    String label = c == '[' ? bracket(null, null)
                            : c == '<' || c == '_' || c == ':' || Lexer.isPnCharsBase(c) ? subjectTerm(c, line, column) : null;
                    ws();
                    if (label == null || (c == '[' && !lastBracketEmpty) || in.peek() != '{') {
                        throw new RdfSyntaxException("a graph name (an IRI or a blank node) and '{' expected after GRAPH",
                                line, column);
                    }
                    opensGraph(label, line, column);
                } else {
                    opensGraph(null, 0, 0);
                }
                return;
            }
            if (triples()) {
                return;
            }
            ws();
            if (!inBlock) {
                lex.expect('.');
            } else if (in.peek() != '}') {
                if (in.peek() != '.') {
                    throw in.error("expected '.' or '}', found " + CharInput.describe(in.peek()));
                }
                in.next();
            }
        }

        /**
         * TriG: opens a block with graph {@code label} (null: the default graph), its name read from
         * line:column, if '{' comes next outside a block.
         */
        private boolean opensGraph(String label, int line, int column) throws IOException {
            if (!trig || inBlock || in.peek() != '{') {
                return false;
            }
            blockLine = in.line();
            blockColumn = in.column();
            in.next();
            graph = label;
            graphLine = label == null ? 0 : line;
            graphColumn = label == null ? 0 : column;
            inBlock = true;
            return true;
        }

        private void directive() throws IOException {
            int line = in.line();
            int column = in.column();
            in.next();
            StringBuilder name = new StringBuilder();
            while (Lexer.isAsciiLetter(in.peek())) {
                name.append((char) in.next());
            }
            String n = name.toString();
            if (n.equals("prefix")) {
                prefixBody();
            } else if (n.equals("base")) {
                baseBody();
            } else {
                throw in.error("unknown directive @" + n + " (@prefix or @base expected)", line, column);
            }
            ws();
            lex.expect('.');
        }

        /** Whether the input continues with the keyword (any case) as a whole word; consumes it if so. */
        private boolean keyword(String word) throws IOException {
            int n = word.length();
            for (int i = 0; i < n; i++) {
                int c = in.peek(i);
                if (c != word.charAt(i) && c != word.charAt(i) + 32) {
                    return false;
                }
            }
            int after = in.peek(n);
            if (Lexer.isPnChars(after) || after == ':' || after == '.') {
                return false;
            }
            for (int i = 0; i < n; i++) {
                in.next();
            }
            return true;
        }

        private void prefixBody() throws IOException {
            ws();
            int line = in.line();
            int column = in.column();
            String prefix = "";
            if (in.peek() != ':') {
                if (!Lexer.isPnCharsBase(in.peek())) {
                    throw in.error("prefix name expected, found " + CharInput.describe(in.peek()));
                }
                prefix = prefixName();
            }
            if (in.peek() != ':') {
                throw in.error("':' expected after the prefix name, found " + CharInput.describe(in.peek()));
            }
            in.next();
            ws();
            if (in.peek() != '<') {
                throw in.error("IRI expected for prefix '" + prefix + ":' (declared at line " + line + ", column "
                        + column + "), found " + CharInput.describe(in.peek()));
            }
            prefixes.put(prefix, iriRef());
        }

        private void baseBody() throws IOException {
            ws();
            if (in.peek() != '<') {
                throw in.error("base IRI expected, found " + CharInput.describe(in.peek()));
            }
            base = iriRef();
        }

        private String iriRef() throws IOException {
            String iri = lex.iriRef();
            return base == null || Lexer.hasScheme(iri) ? iri : IriResolver.resolve(base, iri);
        }

        private String newBlank() {
            return "_:" + blankPrefix + "-" + (++blanks);
        }

        /** Reads a statement's triples (TriG: or a graph's name and its '{'; then returns true). */
        private boolean triples() throws IOException {
            int c = in.peek();
            if (c == '[') {
                int line = in.line();
                int column = in.column();
                String subject = bracket(null, null);
                ws();
                if (lastBracketEmpty && opensGraph(subject, line, column)) {
                    return true;
                }
                if (lastBracketEmpty || (in.peek() != '.' && (!inBlock || in.peek() != '}'))) {
                    predicateObjectList(subject);
                }
                return false;
            }
            String subject;
            int line = in.line();
            int column = in.column();
            if (c == '(') {
                subject = collection(null, null);
            } else {
                subject = subjectTerm(c, line, column);
            }
            ws();
            if (c != '(' && opensGraph(subject, line, column)) {
                return true;
            }
            predicateObjectList(subject);
            return false;
        }

        /** A subject (or TriG graph name) that is one term, {@code c} its first character, read from line:column. */
        private String subjectTerm(int c, int line, int column) throws IOException {
            String subject;
            if (c == '<') {
                subject = iriRef();
            } else if (c == '_') {
                subject = "_:" + blankPrefix + lex.blankLabel();
            } else if (c == ':' || Lexer.isPnCharsBase(c)) {
                subject = prefixedName(false);
                if (subject == null) {
                    throw new RdfSyntaxException("subject expected (a literal or keyword cannot be a subject)", line, column);
                }
            } else {
                throw in.error("subject expected, found " + CharInput.describe(c));
            }
            termLine = line;
            termColumn = column;
            return term(subject);
        }

        /**
         * Reads {@code [ ... ]} (an anonymous node or a blank node property list), emitting
         * {@code subject predicate node} first when subject is not null; returns the node.
         */
        private String bracket(String subject, String predicate) throws IOException {
            int line = in.line();
            int column = in.column();
            in.next();
            String node = newBlank();
            if (subject != null) {
                emit(subject, predicate, node);
            }
            ws();
            lastBracketEmpty = in.peek() == ']';
            if (lastBracketEmpty) {
                in.next();
                return node;
            }
            if (++depth > Lexer.MAX_DEPTH) {
                throw new RdfSyntaxException("nested deeper than " + Lexer.MAX_DEPTH + " levels", line, column);
            }
            predicateObjectList(node);
            lastBracketEmpty = false;
            ws();
            if (in.peek() != ']') {
                throw in.error("']' expected to close the blank node property list opened at line " + line
                        + ", column " + column + ", found " + CharInput.describe(in.peek()));
            }
            in.next();
            depth--;
            return node;
        }

        /** Reads {@code ( ... )}, emitting {@code subject predicate head} first when subject is not null. */
        private String collection(String subject, String predicate) throws IOException {
            int line = in.line();
            int column = in.column();
            in.next();
            if (++depth > Lexer.MAX_DEPTH) {
                throw new RdfSyntaxException("nested deeper than " + Lexer.MAX_DEPTH + " levels", line, column);
            }
            ws();
            String head;
            if (in.peek() == ')') {
                head = RDF_NIL;
                if (subject != null) {
                    emit(subject, predicate, head);
                }
            } else {
                head = newBlank();
                if (subject != null) {
                    emit(subject, predicate, head);
                }
                String node = head;
                while (true) {
                    if (in.peek() == CharInput.EOF) {
                        throw in.error("')' expected to close the collection opened at line " + line + ", column "
                                + column);
                    }
                    object(node, RDF_FIRST);
                    ws();
                    if (in.peek() == ')') {
                        emit(node, RDF_REST, RDF_NIL);
                        break;
                    }
                    String next = newBlank();
                    emit(node, RDF_REST, next);
                    node = next;
                }
            }
            in.next();
            depth--;
            return head;
        }

        private void predicateObjectList(String subject) throws IOException {
            while (true) {
                String predicate = verb();
                ws();
                object(subject, predicate); // the object list read here, not in a method: one frame less a level
                ws();
                while (in.peek() == ',') {
                    in.next();
                    ws();
                    object(subject, predicate);
                    ws();
                }
                if (in.peek() != ';') {
                    return;
                }
                while (in.peek() == ';') {
                    in.next();
                    ws();
                }
                int c = in.peek();
                if (c == '.' || c == ']' || c == CharInput.EOF || (c == '}' && inBlock)) {
                    return;
                }
            }
        }

        private String verb() throws IOException {
            int c = in.peek();
            termLine = in.line();
            termColumn = in.column();
            if (c == '<') {
                return term(iriRef());
            }
            if (c == ':' || Lexer.isPnCharsBase(c)) {
                String iri = prefixedName(true);
                if (iri == null) {
                    throw new RdfSyntaxException("predicate expected (a literal cannot be a predicate)", termLine, termColumn);
                }
                return term(iri);
            }
            throw in.error("predicate expected, found " + CharInput.describe(c));
        }

        /**
         * Reads one object and emits {@code subject predicate object}. Kept small, single terms read
         * by {@link #objectTerm}: nesting recurses through here (see {@link Lexer#MAX_DEPTH}).
         */
        private void object(String subject, String predicate) throws IOException {
            int c = in.peek();
            if (c == '[') {
                bracket(subject, predicate);
            } else if (c == '(') {
                collection(subject, predicate);
            } else {
                emit(subject, predicate, objectTerm(c));
            }
        }

        /** Reads an object that is one term (not a collection or property list), {@code c} its first character. */
        private String objectTerm(int c) throws IOException {
            termLine = in.line();
            termColumn = in.column();
            String term;
            if (c == '<') {
                term = iriRef();
            } else if (c == '_') {
                term = "_:" + blankPrefix + lex.blankLabel();
            } else if (c == '"' || c == '\'') {
                term = quotedLiteral(c);
            } else if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) {
                term = number();
            } else if (c == ':' || Lexer.isPnCharsBase(c)) {
                term = prefixedNameOrBoolean();
            } else {
                throw in.error("object expected, found " + CharInput.describe(c));
            }
            return term(term);
        }

        private String quotedLiteral(int quote) throws IOException {
            in.next();
            boolean isLong = in.peek() == quote && in.peek(1) == quote;
            if (isLong) {
                in.next();
                in.next();
            }
            String lexical = lex.string(quote, isLong);
            int c = in.peek();
            if (c == '@') {
                return RdfTerms.literal(lexical, lex.langTag(), null);
            }
            if (c == '^' ) {
                in.next();
                lex.expect('^');
                int d = in.peek();
                String datatype;
                if (d == '<') {
                    datatype = iriRef();
                } else if (d == ':' || Lexer.isPnCharsBase(d)) {
                    int line = in.line();
                    int column = in.column();
                    datatype = prefixedName(false);
                    if (datatype == null) {
                        throw new RdfSyntaxException("datatype IRI expected after '^^'", line, column);
                    }
                } else {
                    throw in.error("datatype IRI expected after '^^', found " + CharInput.describe(d));
                }
                return RdfTerms.literal(lexical, null, datatype);
            }
            return RdfTerms.literal(lexical);
        }

        /** INTEGER, DECIMAL or DOUBLE, kept as written. */
        private String number() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c = in.peek();
            if (c == '+' || c == '-') {
                sb.append((char) in.next());
            }
            int digits = digits(sb);
            String type = "integer";
            if (in.peek() == '.' && isDigit(in.peek(1))) {
                sb.append((char) in.next());
                digits(sb);
                type = "decimal";
            } else if (in.peek() == '.' && digits > 0 && exponentAt(1)) {
                sb.append((char) in.next());
                type = "decimal";
            } else if (digits == 0) {
                throw in.error("number expected, found " + CharInput.describe(in.peek()));
            }
            if (exponentAt(0)) {
                sb.append((char) in.next());
                if (in.peek() == '+' || in.peek() == '-') {
                    sb.append((char) in.next());
                }
                digits(sb);
                type = "double";
            }
            return RdfTerms.literal(sb.toString(), null, RdfTerms.XSD + type);
        }

        private boolean exponentAt(int k) throws IOException {
            int e = in.peek(k);
            if (e != 'e' && e != 'E') {
                return false;
            }
            int d = in.peek(k + 1);
            return isDigit(d) || ((d == '+' || d == '-') && isDigit(in.peek(k + 2)));
        }

        private int digits(StringBuilder sb) throws IOException {
            int n = 0;
            while (isDigit(in.peek())) {
                sb.append((char) in.next());
                n++;
            }
            return n;
        }

        private String prefixedNameOrBoolean() throws IOException {
            int line = in.line();
            int column = in.column();
            String name = in.peek() == ':' ? "" : prefixName();
            if (in.peek() == ':') {
                return localName(name, line, column);
            }
            if (name.equals("true") || name.equals("false")) {
                return RdfTerms.literal(name, null, RdfTerms.XSD + "boolean");
            }
            throw in.error("'" + name + "' is neither a prefixed name (no ':') nor true or false", line, column);
        }

        /**
         * A prefixed name resolved to its IRI; with {@code verb}, the keyword {@code a} gives rdf:type.
         * Returns null for {@code true} and {@code false}.
         */
        private String prefixedName(boolean verb) throws IOException {
            int line = in.line();
            int column = in.column();
            String name = in.peek() == ':' ? "" : prefixName();
            if (in.peek() == ':') {
                return localName(name, line, column);
            }
            if (verb && name.equals("a")) {
                return RDF_TYPE;
            }
            if (name.equals("true") || name.equals("false")) {
                return null;
            }
            throw in.error("'" + name + "' is not a prefixed name (no ':')" + (verb ? " nor the keyword a" : ""), line, column);
        }

        /** PN_PREFIX: the next character is a PN_CHARS_BASE. */
        private String prefixName() throws IOException {
            StringBuilder sb = new StringBuilder();
            sb.appendCodePoint(in.next());
            while (true) {
                int c = in.peek();
                if (Lexer.isPnChars(c)) {
                    sb.appendCodePoint(in.next());
                } else if (c == '.' && lex.dotContinues(1)) {
                    sb.append((char) in.next());
                } else {
                    return sb.toString();
                }
            }
        }

        /** Reads ':' and the local part; returns the namespace of {@code prefix} followed by it. */
        private String localName(String prefix, int line, int column) throws IOException {
            in.next();
            String ns = prefixes.get(prefix);
            if (ns == null) {
                throw new RdfSyntaxException("undefined prefix '" + prefix + ":'", line, column);
            }
            StringBuilder sb = new StringBuilder(ns);
            int c = in.peek();
            if (Lexer.isPnCharsU(c) || c == ':' || isDigit(c) || c == '%' || c == '\\') {
                localChar(sb);
                while (true) {
                    c = in.peek();
                    if (Lexer.isPnChars(c) || c == ':' || c == '%' || c == '\\') {
                        localChar(sb);
                    } else if (c == '.' && localContinuesAfterDots()) {
                        sb.append((char) in.next());
                    } else {
                        break;
                    }
                }
            }
            return sb.toString();
        }

        private boolean localContinuesAfterDots() throws IOException {
            int k = 1;
            int c;
            while ((c = in.peek(k)) == '.') {
                k++;
            }
            return Lexer.isPnChars(c) || c == ':' || c == '%' || c == '\\';
        }

        private void localChar(StringBuilder sb) throws IOException {
            int c = in.peek();
            if (c == '%' || c == '\\') {
                in.refuseMalformedAhead(c == '%' ? 2 : 1);
            }
            if (c == '%') {
                if (Lexer.hexValue(in.peek(1)) < 0 || Lexer.hexValue(in.peek(2)) < 0) {
                    throw in.error("'%' in a local name must be followed by two hex digits");
                }
                sb.append((char) in.next()).append((char) in.next()).append((char) in.next());
            } else if (c == '\\') {
                int e = in.peek(1);
                if ("_~.-!$&'()*+,;=/?#@%".indexOf(e) < 0 || e < 0) {
                    throw in.error("bad escape in a local name: \\" + (e < 0 ? "" : new String(Character.toChars(e))));
                }
                in.next();
                sb.append((char) in.next());
            } else {
                sb.appendCodePoint(in.next());
            }
        }

        /** Skips white space and comments. */
        private void ws() throws IOException {
            while (true) {
                int c = in.peek();
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    in.next();
                } else if (c == '#') {
                    lex.open = '#';
                    while ((c = in.peek()) != '\n' && c != '\r' && c != CharInput.EOF) {
                        in.next();
                    }
                    lex.open = 0;
                } else {
                    return;
                }
            }
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
