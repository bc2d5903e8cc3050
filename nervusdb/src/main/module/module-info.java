/**
 * NervusDB for the JVM: the database ({@link org.nervusdb.NervusDB}) and the rest of its public
 * API, package {@code org.nervusdb}. The jar holds the portable core's classes too (artifact
 * {@code nervusdb-core}, built separately for the JavaScript and WebAssembly builds); the
 * core's packages are internal: they are exported only to NervusDB's own adapters and tools.
 *
 * <p>Compiled apart from the classes (they are compiled and tested on the class path) against
 * this module's classes and the core's, and added to the jar when it is packaged.
 */
module org.nervusdb {
    requires static org.jspecify;

    exports org.nervusdb;

    exports org.nervusdb.engine to org.nervusdb.jena, org.nervusdb.rdf4j, org.nervusdb.server, org.nervusdb.cli;
    exports org.nervusdb.io to org.nervusdb.jena, org.nervusdb.rdf4j, org.nervusdb.server, org.nervusdb.cli;
    exports org.nervusdb.query to org.nervusdb.jena, org.nervusdb.rdf4j, org.nervusdb.server, org.nervusdb.cli;
    exports org.nervusdb.query.algebra to org.nervusdb.jena, org.nervusdb.rdf4j, org.nervusdb.server, org.nervusdb.cli;
    exports org.nervusdb.rdf to org.nervusdb.jena, org.nervusdb.rdf4j, org.nervusdb.server, org.nervusdb.cli;
}
