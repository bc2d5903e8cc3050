package org.nervusdb.js;

import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The files of an in-memory store, as JavaScript hands them from one module to another: the
 * package passes the names and bytes that {@link JsNervusDB#memoryFiles} and
 * {@link JsNervusDB#memoryFile} give in the module that closed the store.
 */
public interface MemoryFiles extends JSObject {
    String[] names();

    Int8Array read(String name);
}
