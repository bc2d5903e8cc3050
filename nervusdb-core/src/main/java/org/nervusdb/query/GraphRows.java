package org.nervusdb.query;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nervusdb.QueryOptions;
import org.nervusdb.engine.TripleStore;
import org.nervusdb.query.algebra.Node;
import org.nervusdb.query.algebra.Op;
import org.nervusdb.query.algebra.Query;
import org.nervusdb.rdf.RdfTerms;

/**
 * The triples of a CONSTRUCT or DESCRIBE query, made one at a time from the solutions of its
 * pattern as they stream in.
 *
 * <p><b>CONSTRUCT</b> instantiates the template once per solution, in the template's order. A
 * triple is left out when a position is unbound, or when it is not RDF: a literal or blank node
 * as predicate, a literal as subject (SPARQL 1.1 section 16.2). Each template blank node stands
 * for a new blank node per solution, whose label no stored term and no other term of the answer
 * has. The answer is a set: a triple already given is not given again. Triples without template
 * blank nodes are remembered by their three term ids, counted against
 * {@link QueryOptions#maxMemoryBytes} (the query ends with QUERY_TOO_LARGE past it); triples
 * with one cannot repeat another solution's, so they are only compared within their solution.
 *
 * <p><b>DESCRIBE</b> gives the <i>concise bounded description</i> of each resource: the IRIs
 * written after DESCRIBE and the values of its variables in every solution (literals and unbound
 * variables are skipped): every triple of the query's default graph (the store's, the merge of
 * the FROM graphs, or the union of all graphs with {@link QueryOptions#unionDefaultGraph}) with
 * the resource as subject, and, for each blank node such a triple has as object, that blank
 * node's description in turn. Each resource and
 * blank node is described once per answer (they are remembered by id, within the memory bound),
 * so no triple repeats. Reification statements are not included; a resource the store does not
 * have describes to nothing.
 */
final class GraphRows {
    /** The column names of a graph result. */
    static final List<String> VARIABLES = Collections.unmodifiableList(Arrays.asList("subject", "predicate", "object"));
    /** About the bytes one remembered triple or id takes in its hash set. */
    private static final long ENTRY_BYTES = 120;

    private final Evaluator ev;
    private final Evaluator.Rows rows;
    private final QueryLimits limits;
    private final boolean construct;
    /**
     * Per position (three per template triple, or one per DESCRIBE resource): the variable's
     * slot; -1 for a constant ({@link #terms}, {@link #ids}); -2 for a template blank node; -3
     * for a variable the pattern never binds.
     */
    private final int[] slots;
    private final String[] terms;
    private final long[] ids;
    /** Per template triple: whether it has a blank node. */
    private final boolean[] blank;
    private final Set<Evaluator.RowKey> seen = new HashSet<>();
    /** Within one solution, triples with template blank nodes, those as negative numbers ({@link #blankKey}). */
    private Set<Evaluator.RowKey> seenInSolution;
    private Map<String, String> fresh;
    private long[] row;
    private int next;
    private final Set<Long> described = new HashSet<>();
    private final ArrayDeque<Long> queue = new ArrayDeque<>();
    private TripleStore.IdScan scan;

    GraphRows(Evaluator ev, Query query, Evaluator.Rows rows) {
        this.ev = ev;
        this.rows = rows;
        this.limits = ev.limits();
        this.construct = query.form == Query.Form.CONSTRUCT;
        int n = construct ? query.template.size() * 3 : query.describe.size();
        slots = new int[n];
        terms = new String[n];
        ids = new long[n];
        blank = new boolean[construct ? query.template.size() : 0];
        for (int k = 0; k < n; k++) {
            Node node;
            if (construct) {
                Op.TriplePattern t = query.template.get(k / 3);
                node = k % 3 == 0 ? t.s : k % 3 == 1 ? t.p : t.o;
            } else {
                node = query.describe.get(k);
            }
            if (node.isVar()) {
                int s = ev.slotIfAny(node.var);
                slots[k] = s >= 0 ? s : -3;
            } else if (construct && RdfTerms.isBlank(node.term)) {
                slots[k] = -2;
                terms[k] = node.term;
                blank[k / 3] = true;
                ids[k] = blankKey(k);
            } else {
                slots[k] = -1;
                terms[k] = node.term;
                ids[k] = ev.idOf(node.term);
            }
        }
    }

    /**
     * A template blank node's stand-in id within a solution: below every id the evaluator uses,
     * the same for every position with its label.
     */
    private long blankKey(int k) {
        int first = 0;
        while (!terms[k].equals(terms[first])) {
            first++;
        }
        return Long.MIN_VALUE + first;
    }

    /** The next triple of the answer, or null at its end. */
    String[] next() {
        return construct ? nextConstructed() : nextDescribed();
    }

    private String[] nextConstructed() {
        int count = blank.length;
        while (true) {
            if (row == null) {
                row = rows.next();
                if (row == null) {
                    return null;
                }
                next = 0;
                // New maps on first use rather than clear(): in the WebAssembly build, calling
                // HashMap.clear() brought in about 16 KB of the class library.
                fresh = null;
                seenInSolution = null;
            }
            while (next < count) {
                String[] triple = instantiate(next++);
                if (triple != null) {
                    return triple;
                }
            }
            row = null;
        }
    }

    /** Template triple {@code t} for the current solution, or null if it is left out. */
    private String[] instantiate(int t) {
        long[] key = new long[3];
        String[] out = new String[3];
        for (int i = 0; i < 3; i++) {
            int k = t * 3 + i;
            int s = slots[k];
            if (s >= 0) {
                key[i] = row[s];
                if (key[i] == 0) {
                    return null;
                }
                out[i] = ev.termOf(key[i]);
            } else if (s == -1) {
                key[i] = ids[k];
                out[i] = terms[k];
            } else if (s == -2) {
                key[i] = ids[k];
                if (fresh == null) {
                    fresh = new HashMap<>();
                }
                String b = fresh.get(terms[k]);
                if (b == null) {
                    b = ev.freshBlank('c');
                    fresh.put(terms[k], b);
                }
                out[i] = b;
            } else {
                return null;
            }
        }
        if (RdfTerms.isLiteral(out[0]) || !RdfTerms.isIri(out[1])) {
            return null;
        }
        if (blank[t]) {
            if (seenInSolution == null) {
                seenInSolution = new HashSet<>();
            }
            return seenInSolution.add(new Evaluator.RowKey(key)) ? out : null;
        }
        if (!seen.add(new Evaluator.RowKey(key))) {
            return null;
        }
        limits.hold(ENTRY_BYTES);
        return out;
    }

    private String[] nextDescribed() {
        while (true) {
            if (scan != null) {
                if (scan.next()) {
                    limits.tick();
                    String o = ev.termOf(scan.o());
                    if (RdfTerms.isBlank(o)) {
                        describe(scan.o());
                    }
                    return new String[] {ev.termOf(scan.s()), ev.termOf(scan.p()), o};
                }
                scan = null;
            }
            Long node = queue.poll();
            if (node != null) {
                scan = ev.scanIn(null, 0, node, 0, 0); // in the dataset's default graph; null: empty
                continue;
            }
            long[] r = rows.next();
            if (r == null) {
                return null;
            }
            for (int k = 0; k < slots.length; k++) {
                long id = slots[k] >= 0 ? r[slots[k]] : slots[k] == -1 ? ids[k] : 0;
                // Only stored terms (positive ids) have triples; literals have none as subject.
                if (id > 0 && !RdfTerms.isLiteral(ev.termOf(id))) {
                    describe(id);
                }
            }
        }
    }

    /** Queues a resource's description, unless it was queued before. */
    private void describe(long id) {
        if (described.add(id)) {
            limits.hold(ENTRY_BYTES);
            queue.add(id);
        }
    }
}
