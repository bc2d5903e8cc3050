package org.nervusdb.example.internal;

import org.nervusdb.engine.TripleStore;

/** Names a type of an internal package: a compile error on the module path (expected by examples/run.sh). */
final class UsesInternals {
    TripleStore store;
}
