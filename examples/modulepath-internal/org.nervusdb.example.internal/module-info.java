/** Must not compile: module org.nervusdb does not export its internal packages to other modules. */
module org.nervusdb.example.internal {
    requires org.nervusdb;
}
