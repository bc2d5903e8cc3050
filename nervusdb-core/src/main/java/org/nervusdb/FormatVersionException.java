package org.nervusdb;

/** A file was written by a newer (or unknown) format version that this build cannot read. */
public class FormatVersionException extends NervusDBException {
    private static final long serialVersionUID = 1L;

    public FormatVersionException(String file, int found, int supported) {
        super("FORMAT_VERSION", "file " + file + " has format version " + found
                + "; this build reads version " + supported + " and older");
    }
}
