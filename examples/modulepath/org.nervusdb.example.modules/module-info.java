/** A program on the module path that uses NervusDB through module org.nervusdb. */
module org.nervusdb.example.modules {
    requires org.nervusdb;
}
