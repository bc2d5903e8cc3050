package org.nervusdb;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.nervusdb.rdf.NTriplesParser;
import org.nervusdb.rdf.RdfSink;
import org.nervusdb.rdf.RdfSyntaxException;
import org.nervusdb.rdf.TurtleParser;

/** SPARQL Update's LOAD on the JVM: a local file named by a {@code file:} IRI, parsed by its extension. */
final class LocalFiles {
    private LocalFiles() {
    }

    static void load(String iri, RdfSink sink) {
        if (!iri.regionMatches(true, 0, "file:", 0, 5)) {
            throw new NervusDBException("UNSUPPORTED", "LOAD <" + iri + ">: NervusDB loads local files (file: IRIs) only");
        }
        Path file;
        try {
            file = Path.of(URI.create(iri));
        } catch (IllegalArgumentException e) {
            throw new NervusDBException("INVALID_ARGUMENT", "LOAD <" + iri + ">: not a file IRI: " + e.getMessage());
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(file)) {
            if (name.endsWith(".nt")) {
                NTriplesParser.nTriples().parse(in, sink, null);
            } else if (name.endsWith(".nq")) {
                NTriplesParser.nQuads().parse(in, sink, null);
            } else if (name.endsWith(".ttl")) {
                new TurtleParser(iri).parse(in, sink, null);
            } else if (name.endsWith(".trig")) {
                TurtleParser.trig(iri).parse(in, sink, null);
            } else {
                throw new NervusDBException("UNSUPPORTED", "LOAD <" + iri + ">: reads .nt, .nq, .ttl and .trig files");
            }
        } catch (NoSuchFileException e) {
            throw new NervusDBException("NOT_FOUND", "LOAD <" + iri + ">: no such file");
        } catch (RdfSyntaxException e) {
            throw new NervusDBException("INVALID_ARGUMENT", "LOAD <" + iri + ">: " + e.getMessage());
        } catch (IOException e) {
            throw new NervusDBException("IO", "LOAD <" + iri + ">: " + e.getMessage());
        }
    }
}
