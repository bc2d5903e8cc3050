package org.nervusdb.query.algebra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An expression of FILTER, BIND, SELECT, ORDER BY, GROUP BY and HAVING. */
public abstract class Expr {
    private Expr() {
    }

    static <T> List<T> copy(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** A variable's value. */
    public static final class Var extends Expr {
        public final String name;

        public Var(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "?" + name;
        }
    }

    /** A constant stored term (see {@link org.nervusdb.rdf.RdfTerms}). */
    public static final class Constant extends Expr {
        public final String term;

        public Constant(String term) {
            this.term = term;
        }

        @Override
        public String toString() {
            return Node.term(term).toString();
        }
    }

    /**
     * An operator or built-in function, by name: the operators {@code || && = != < > <= >= + - * /},
     * {@code !} and unary {@code u-} and {@code u+}, {@code IN} and {@code NOT IN} (first argument
     * the left side), and SPARQL's built-in functions in upper case ({@code STR}, {@code REGEX},
     * {@code BOUND}, {@code IF}, {@code COALESCE}, ...).
     */
    public static class Call extends Expr {
        public final String name;
        public final List<Expr> args;

        public Call(String name, List<Expr> args) {
            this.name = name;
            this.args = copy(args);
        }

        @Override
        public String toString() {
            return name + args;
        }
    }

    /** A test of what the store holds about terms beyond their triples: labels, properties. */
    public interface Check {
        /** Whether the terms (the values of the call's arguments) pass, as {@code snap} stores them. */
        boolean test(org.nervusdb.engine.TripleStore.StoreSnapshot snap, String[] terms);
    }

    /**
     * A boolean call answered by a {@link Check} against the store (the query builder's
     * {@code whereLabel} and {@code whereProperty}); false when an argument is unbound. SPARQL
     * text cannot name one.
     */
    public static final class StoreCall extends Call {
        public final Check check;

        public StoreCall(String name, Check check, List<Expr> args) {
            super(name, args);
            this.check = check;
        }
    }

    /** A function named by an IRI: XSD casts such as {@code xsd:integer(?x)}, or unknown ones. */
    public static final class FunctionCall extends Expr {
        public final String iri;
        public final List<Expr> args;

        public FunctionCall(String iri, List<Expr> args) {
            this.iri = iri;
            this.args = copy(args);
        }

        @Override
        public String toString() {
            return "<" + iri + ">" + args;
        }
    }

    /** {@code EXISTS { pattern }} or {@code NOT EXISTS { pattern }}. */
    public static final class Exists extends Expr {
        public final Op pattern;
        public final boolean negated;

        public Exists(Op pattern, boolean negated) {
            this.pattern = pattern;
            this.negated = negated;
        }

        @Override
        public String toString() {
            return (negated ? "NOT EXISTS " : "EXISTS ") + pattern;
        }
    }

    /**
     * An aggregate: {@code COUNT}, {@code SUM}, {@code MIN}, {@code MAX}, {@code AVG},
     * {@code SAMPLE} or {@code GROUP_CONCAT}. {@code arg} is null for {@code COUNT(*)};
     * {@code separator} is GROUP_CONCAT's (a space when the query names none), null for the
     * others. Appears only in {@link Op.Group}; elsewhere the parser replaces it by the variable
     * the group binds.
     */
    public static final class Aggregate extends Expr {
        public final String name;
        public final boolean distinct;
        public final Expr arg;
        public final String separator;

        public Aggregate(String name, boolean distinct, Expr arg, String separator) {
            this.name = name;
            this.distinct = distinct;
            this.arg = arg;
            this.separator = separator;
        }

        @Override
        public String toString() {
            return name + "(" + (distinct ? "DISTINCT " : "") + (arg == null ? "*" : arg) + ")";
        }
    }
}
