package org.nervusdb.conformance;

import java.util.List;

/**
 * One W3C test suite inside the RDF4J test-suite jar: where its files lie on the classpath, the
 * address the W3C published them at, and the manifests it is entered from.
 *
 * <p>Every file is read from the classpath but named by its official W3C address (for example
 * {@code http://www.w3.org/2009/sparql/docs/tests/data-sparql11/bind/bind01.rq}). That address is
 * the base IRI for parsing the manifests, data, expected results and, through
 * {@code Sparql.execute}, the query itself. Relative IRIs therefore resolve the same way on every
 * side, whatever machine or jar the files come from, and test IRIs match the ones implementations
 * use in their published reports.
 */
enum Suite {
    SPARQL_11("SPARQL 1.1", "testcases-sparql-1.1-w3c/",
            "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/", "",
            List.of("manifest-all.ttl")),
    SPARQL_10("SPARQL 1.0 (data-r2)", "testcases-sparql-1.0-w3c/data-r2/",
            "http://www.w3.org/2001/sw/DataAccess/tests/data-r2/", "data-r2/",
            List.of("manifest-evaluation.ttl", "manifest-syntax.ttl"));

    /** A name for reports. */
    final String title;
    /** The suite's folder inside the jar, ending in '/'. */
    final String resourceRoot;
    /** The official address of that folder, ending in '/'. */
    final String officialBase;
    /** Put before each directory name to form a category (keeps the two suites apart). */
    final String categoryPrefix;
    /** The manifests the suite is entered from, relative to its root. */
    final List<String> entryManifests;

    Suite(String title, String resourceRoot, String officialBase, String categoryPrefix, List<String> entryManifests) {
        this.title = title;
        this.resourceRoot = resourceRoot;
        this.officialBase = officialBase;
        this.categoryPrefix = categoryPrefix;
        this.entryManifests = entryManifests;
    }

    /** The official address of a file inside this suite's folder in the jar. */
    String iriOf(String resource) {
        if (!resource.startsWith(resourceRoot)) {
            throw new IllegalArgumentException(resource + " is not inside " + resourceRoot);
        }
        return officialBase + resource.substring(resourceRoot.length());
    }

    /** The jar path of the file at an official address, or null if the address is elsewhere. */
    String resourceOf(String iri) {
        if (!iri.startsWith(officialBase)) {
            return null;
        }
        String rest = iri.substring(officialBase.length());
        int hash = rest.indexOf('#');
        return resourceRoot + (hash < 0 ? rest : rest.substring(0, hash));
    }

    /**
     * The category of the tests in a manifest: the manifest's directory relative to the suite
     * root (for example {@code aggregates}, or {@code data-r2/basic} in the 1.0 suite).
     */
    String categoryOf(String manifestIri) {
        String rest = manifestIri.substring(officialBase.length());
        int slash = rest.lastIndexOf('/');
        return categoryPrefix + (slash < 0 ? "(root)" : rest.substring(0, slash));
    }
}
