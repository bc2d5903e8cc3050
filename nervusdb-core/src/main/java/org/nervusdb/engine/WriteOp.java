package org.nervusdb.engine;

import java.util.List;
import java.util.function.Function;
import org.nervusdb.Transaction;

/**
 * One write of a {@link Transaction}, validated and encoded when it was added: what the store
 * applies at commit. Internal: the public API is {@link Transaction}.
 */
public final class WriteOp {
    public static final int ADD = 0;
    public static final int DELETE = 1;
    public static final int NODE_PROPERTIES = 2;
    public static final int EDGE_PROPERTIES = 3;
    public static final int ADD_LABELS = 4;
    public static final int REMOVE_LABELS = 5;
    public static final int ADD_QUAD = 6;
    public static final int DELETE_QUAD = 7;
    public static final int CREATE_GRAPH = 8;
    public static final int CLEAR_GRAPH = 9;
    public static final int DROP_GRAPH = 10;

    private static Function<Transaction, List<WriteOp>> access;

    final int kind;
    final String s;
    final String p;
    final String o;
    final byte[][] utf8; // the terms' UTF-8: {s, p, o}, or {node}
    final byte[] value;  // an encoded property map, or null (no properties)
    final byte[][] labels;
    final String g; // the graph of a quad or graph write; null: the default graph

    public WriteOp(int kind, String s, String p, String o, byte[][] utf8, byte[] value, byte[][] labels) {
        this(kind, s, p, o, null, utf8, value, labels);
    }

    public WriteOp(int kind, String s, String p, String o, String g, byte[][] utf8, byte[] value, byte[][] labels) {
        this.kind = kind;
        this.g = g;
        this.s = s;
        this.p = p;
        this.o = o;
        this.utf8 = utf8;
        this.value = value;
        this.labels = labels;
    }

    /** Called once, by {@link Transaction}'s initializer: how the store reads a transaction's writes. */
    public static void access(Function<Transaction, List<WriteOp>> reader) {
        if (access != null) {
            throw new IllegalStateException("transaction access is set already");
        }
        access = reader;
    }

    /** The writes of {@code tx}, in order (the transaction's own list: not to be changed). */
    static List<WriteOp> of(Transaction tx) {
        return access.apply(tx);
    }
}
