package org.nervusdb.js;

import org.teavm.jso.JSExport;
import org.teavm.jso.JSExportClasses;

/**
 * Entry point of the JavaScript and WebAssembly builds. Its exported static methods become the
 * module's named exports; {@link JsNervusDB} is exported as a class.
 */
@JSExportClasses(JsNervusDB.class)
public final class NervusDBModule {
    private NervusDBModule() {
    }

    /** Opens a new, empty in-memory store. */
    @JSExport
    public static JsNervusDB openInMemory() {
        return new JsNervusDB();
    }

    /** Version of the bindings. */
    @JSExport
    public static String version() {
        return "0.1.0-SNAPSHOT";
    }
}
