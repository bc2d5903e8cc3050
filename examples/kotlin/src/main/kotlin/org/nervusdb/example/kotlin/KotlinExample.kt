package org.nervusdb.example.kotlin

import org.nervusdb.NervusDB
import org.nervusdb.Quad

// NervusDB from Kotlin: the API's JSpecify annotations make nullable what may be null (a quad's
// graph, an unbound variable in a row, the wildcards of find) and everything else non-null.
fun main() {
    NervusDB.openInMemory().use { db ->
        db.add("alice", "knows", "bob")
        db.add(Quad.of("alice", "knows", "carol", "http://example.org/g"))
        val graphs = mutableListOf<String?>()
        db.findQuads(null, "knows", null, null).use { s -> s.forEach { q -> graphs.add(q.graph()) } }
        val unbound = db.sparql("SELECT ?x ?age WHERE { <alice> <knows> ?x OPTIONAL { ?x <age> ?age } }").use { r ->
            r.count { row -> row[1] == null }
        }
        check(graphs.size == 2 && graphs.contains(null) && graphs.contains("http://example.org/g")) { "graphs: $graphs" }
        check(unbound == 1) { "unbound: $unbound" }
        println("kotlin: ok (${graphs.size} quads, $unbound row with ?age unbound)")
    }
}
