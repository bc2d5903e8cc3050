package org.nervusdb.rdf4j;

import org.eclipse.rdf4j.common.iteration.CloseableIteration;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.query.QueryEvaluationException;
import org.eclipse.rdf4j.query.algebra.evaluation.TripleSource;

/** The statements RDF4J's evaluation strategy reads: the connection's view, pattern by pattern. */
final class NervusTripleSource implements TripleSource {
    private final NervusSailConnection connection;
    private final ValueFactory vf;

    NervusTripleSource(NervusSailConnection connection, ValueFactory vf) {
        this.connection = connection;
        this.vf = vf;
    }

    @Override
    public CloseableIteration<? extends Statement> getStatements(Resource subj, IRI pred, Value obj, Resource... contexts)
            throws QueryEvaluationException {
        try {
            return connection.scan(subj, pred, obj, contexts);
        } catch (RuntimeException e) {
            throw new QueryEvaluationException(e);
        }
    }

    @Override
    public ValueFactory getValueFactory() {
        return vf;
    }
}
