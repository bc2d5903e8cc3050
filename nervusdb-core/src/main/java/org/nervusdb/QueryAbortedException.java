package org.nervusdb;


/**
 * A query stopped before its end: cancelled ({@code QUERY_CANCELLED}), past its time limit
 * ({@code QUERY_TIMEOUT}), or holding too many solutions in memory ({@code QUERY_TOO_LARGE}).
 */
public class QueryAbortedException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public QueryAbortedException(String code, String message) {
        super(code, message);
    }
}
