package org.nervusdb;

/** A file has a format version other than the one this build reads (a newer or unknown one). */
public class FormatVersionException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public FormatVersionException(String file, int found, int supported) {
        super("FORMAT_VERSION", "file " + file + " has format version " + found
                + "; this build reads versions up to " + supported);
    }
}
