package org.nervusdb.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.query.AbstractTupleQueryResultHandler;
import org.eclipse.rdf4j.query.Binding;
import org.eclipse.rdf4j.query.BindingSet;
import org.eclipse.rdf4j.query.resultio.BooleanQueryResultFormat;
import org.eclipse.rdf4j.query.resultio.QueryResultFormat;
import org.eclipse.rdf4j.query.resultio.QueryResultIO;
import org.eclipse.rdf4j.query.resultio.TupleQueryResultFormat;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;

/**
 * Reads an expected result file: SPARQL XML ({@code .srx}), SPARQL JSON ({@code .srj}), TSV
 * ({@code .tsv}), or a result set written in RDF with the {@code rs:} vocabulary ({@code .ttl},
 * {@code .rdf}, {@code .nt}, as in the 1.0 suite). XML, JSON and TSV results are ordered as
 * written; an RDF result set is ordered if its solutions carry {@code rs:index}.
 */
final class ExpectedResults {

    private ExpectedResults() {
    }

    /**
     * The expected solutions, or null if the file is an RDF graph that is not a result set (the
     * expected answer of a CONSTRUCT or DESCRIBE query).
     */
    static Solutions read(String resultIri, String resource) throws IOException {
        return parse(SuiteFiles.read(resource), resource, resultIri);
    }

    /**
     * Solutions from a document in the format the file name's extension names ({@code .srx},
     * {@code .srj}, {@code .tsv}, or an RDF result set), as {@link #read}; also for documents
     * the engine's writers produce.
     */
    static Solutions parse(byte[] bytes, String fileName, String baseIri) throws IOException {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".srx")) {
            return isBoolean(bytes, "<boolean>")
                    ? Solutions.ask(QueryResultIO.parseBoolean(new ByteArrayInputStream(bytes), BooleanQueryResultFormat.SPARQL))
                    : tuples(bytes, TupleQueryResultFormat.SPARQL);
        }
        if (name.endsWith(".srj")) {
            return isBoolean(bytes, "\"boolean\"")
                    ? Solutions.ask(QueryResultIO.parseBoolean(new ByteArrayInputStream(bytes), BooleanQueryResultFormat.JSON))
                    : tuples(bytes, TupleQueryResultFormat.JSON);
        }
        if (name.endsWith(".tsv")) {
            return tuples(bytes, TupleQueryResultFormat.TSV);
        }
        Optional<RDFFormat> rdf = Rio.getParserFormatForFileName(name);
        if (rdf.isPresent()) {
            return resultSet(Rio.parse(new ByteArrayInputStream(bytes), baseIri, rdf.get()));
        }
        throw new IOException("no reader for the result file " + fileName);
    }

    /**
     * The statements of an RDF document (the expected answer of a CONSTRUCT query, or a graph an
     * engine's writer produced) as stored terms, blank nodes labelled apart from other documents'.
     */
    static List<String[]> graph(byte[] bytes, String fileName, String baseIri) throws IOException {
        RDFFormat format = Rio.getParserFormatForFileName(fileName)
                .orElseThrow(() -> new IOException("no RDF reader for " + fileName));
        Model m = Rio.parse(new ByteArrayInputStream(bytes), baseIri, format);
        Map<String, String> labels = new HashMap<>();
        List<String[]> out = new ArrayList<>();
        for (org.eclipse.rdf4j.model.Statement st : m) {
            out.add(new String[] {Terms.toStored(st.getSubject(), labels, fileName), Terms.toStored(st.getPredicate(), labels, fileName),
                Terms.toStored(st.getObject(), labels, fileName)});
        }
        return out;
    }

    private static boolean isBoolean(byte[] bytes, String marker) {
        return new String(bytes, StandardCharsets.UTF_8).contains(marker);
    }

    private static Solutions tuples(byte[] bytes, QueryResultFormat format) throws IOException {
        List<String> variables = new ArrayList<>();
        List<Map<String, Value>> rows = new ArrayList<>();
        QueryResultIO.parseTuple(new ByteArrayInputStream(bytes), format, new AbstractTupleQueryResultHandler() {
            @Override
            public void startQueryResult(List<String> bindingNames) {
                variables.addAll(bindingNames);
            }

            @Override
            public void handleSolution(BindingSet bindings) {
                Map<String, Value> row = new HashMap<>();
                for (Binding b : bindings) {
                    if (b.getValue() != null) {
                        row.put(b.getName(), b.getValue());
                    }
                }
                rows.add(row);
            }
        }, SimpleValueFactory.getInstance());
        return Solutions.select(variables, rows, true);
    }

    /** A result set in the rs: vocabulary, or null if the graph holds none. */
    private static Solutions resultSet(Model m) {
        Optional<Resource> set = Models.subject(m.filter(null, RDF.TYPE, Vocab.RS_RESULT_SET));
        if (set.isEmpty()) {
            set = Models.subject(m.filter(null, Vocab.RS_BOOLEAN, null))
                    .or(() -> Models.subject(m.filter(null, Vocab.RS_SOLUTION, null)))
                    .or(() -> Models.subject(m.filter(null, Vocab.RS_RESULT_VARIABLE, null)));
        }
        if (set.isEmpty()) {
            return null;
        }
        Resource rs = set.get();
        Optional<Literal> bool = Models.objectLiteral(m.filter(rs, Vocab.RS_BOOLEAN, null));
        if (bool.isPresent()) {
            return Solutions.ask(bool.get().booleanValue());
        }
        List<String> variables = new ArrayList<>();
        for (Value v : m.filter(rs, Vocab.RS_RESULT_VARIABLE, null).objects()) {
            variables.add(v.stringValue());
        }
        variables.sort(null);

        List<Integer> indexes = new ArrayList<>();
        List<Map<String, Value>> rows = new ArrayList<>();
        boolean indexed = true;
        for (Value solution : m.filter(rs, Vocab.RS_SOLUTION, null).objects()) {
            Resource s = (Resource) solution;
            Map<String, Value> row = new HashMap<>();
            for (Value binding : m.filter(s, Vocab.RS_BINDING, null).objects()) {
                Resource b = (Resource) binding;
                Optional<Value> variable = Models.object(m.filter(b, Vocab.RS_VARIABLE, null));
                Optional<Value> value = Models.object(m.filter(b, Vocab.RS_VALUE, null));
                if (variable.isPresent() && value.isPresent()) {
                    row.put(variable.get().stringValue(), value.get());
                }
            }
            Optional<Literal> index = Models.objectLiteral(m.filter(s, Vocab.RS_INDEX, null));
            indexed &= index.isPresent();
            indexes.add(index.map(Literal::intValue).orElse(0));
            rows.add(row);
        }
        boolean ordered = indexed && !rows.isEmpty();
        if (ordered) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingInt(indexes::get));
            List<Map<String, Value>> sorted = new ArrayList<>();
            for (int i : order) {
                sorted.add(rows.get(i));
            }
            rows = sorted;
        }
        return Solutions.select(variables, rows, ordered);
    }
}
