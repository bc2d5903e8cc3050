package org.nervusdb;

import org.jspecify.annotations.Nullable;

/** Read operations shared by a database and its snapshots. {@code null} terms are wildcards. */
public interface TripleReader {

    /** Triples matching the pattern, lazily, in index order. */
    TripleCursor find(@Nullable String subject, @Nullable String predicate, @Nullable String object);

    /** Whether a triple matching the pattern exists. */
    boolean contains(@Nullable String subject, @Nullable String predicate, @Nullable String object);

    /** Number of triples matching the pattern. */
    long count(@Nullable String subject, @Nullable String predicate, @Nullable String object);

    /** The properties of a node (any term); empty if it has none. The map is read-only, in the order it was set. */
    java.util.Map<String, Object> nodeProperties(String node);

    /** The properties of the edge (stored triple) {@code subject predicate object}; empty if none. */
    java.util.Map<String, Object> edgeProperties(String subject, String predicate, String object);

    /** A node's labels, in UTF-8 byte order. */
    java.util.List<String> labels(String node);

    /** The nodes with a label, from the label index. */
    java.util.List<String> nodesWithLabel(String label);

    /**
     * The nodes with all of the labels ({@code all}) or with any of them, each once, in the
     * order the first label's index gives them (then the other labels' new nodes, for any); the
     * original NervusDB's {@code findByLabel(labels, {mode: 'AND' | 'OR'})}.
     */
    default java.util.List<String> nodesWithLabels(java.util.Collection<String> labels, boolean all) {
        if (labels == null) {
            throw new InvalidPropertyException("labels is null");
        }
        java.util.LinkedHashSet<String> out = null;
        for (String label : labels) {
            java.util.List<String> nodes = nodesWithLabel(label);
            if (out == null) {
                out = new java.util.LinkedHashSet<>(nodes);
            } else if (all) {
                out.retainAll(new java.util.HashSet<>(nodes));
            } else {
                out.addAll(nodes);
            }
        }
        return out == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(out);
    }

    /** The nodes whose property {@code name} satisfies {@code condition}, from the property index. */
    java.util.List<String> nodesWhere(String name, PropertyCondition condition);

    /** The edges whose property {@code name} satisfies {@code condition}, from the property index. */
    java.util.List<Triple> edgesWhere(String name, PropertyCondition condition);

    /** A fluent query over this reader. */
    default QueryBuilder query() {
        return new QueryBuilder(this);
    }
}
