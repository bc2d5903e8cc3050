package org.nervusdb.example.kotlin

import org.nervusdb.NervusDB
import org.nervusdb.Quad

// Must NOT compile (examples/run.sh expects exactly these three errors): each line treats a
// value the API annotates @Nullable as non-null, or passes null where the API takes none.
fun misuse(db: NervusDB, q: Quad) {
    val graph: String = q.graph()
    db.sparql("SELECT ?x WHERE { ?x ?p ?o }").use { r -> for (row in r) { val x: String = row[0]; println(x) } }
    db.add(null, "knows", "bob")
    println(graph)
}
