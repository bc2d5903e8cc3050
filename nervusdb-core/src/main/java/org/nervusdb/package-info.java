/**
 * NervusDB's public API: the database ({@code NervusDB}, in the {@code org.nervusdb:nervusdb}
 * artifact), statements ({@link org.nervusdb.Triple}, {@link org.nervusdb.Quad}), transactions,
 * queries and their results, snapshots and the exceptions the database throws.
 *
 * <p>Nullness: types in this package are non-null unless annotated
 * {@link org.jspecify.annotations.Nullable} (JSpecify), such as the wildcards of
 * {@code find} and {@code count} and the unbound entries of a query's rows. Packages below
 * {@code org.nervusdb} (engine, io, query, rdf) are internal and not exported by the module.
 */
@NullMarked
package org.nervusdb;

import org.jspecify.annotations.NullMarked;
