package org.nervusdb.server;

import java.nio.file.Path;
import java.util.Map;

/** The settings of one {@link NervusServer}. Plain fields, set before {@link NervusServer#start}. */
public final class ServerConfig {
    /** The database directory (created if it holds no database yet, when updates are allowed). */
    public Path db;
    /** The address to listen on; the loopback address unless set. */
    public String host = "127.0.0.1";
    /** The port; 0 for any free one ({@link NervusServer#port()} tells which). */
    public int port = 3030;
    /** The dataset's name in URLs: {@code /NAME/sparql}, ... */
    public String name = "ds";
    /** Whether SPARQL Update and Graph Store writes are served (with a credential only). */
    public boolean allowUpdates;
    /** The bearer token that writes need, or null. */
    public String token;
    /** User name to password, for HTTP basic authentication of writes; empty for none. */
    public Map<String, String> passwords = Map.of();
    /** Requests with a larger body are refused with 413. */
    public long maxBodyBytes = 10L << 20;
    /** Queries running longer are stopped and answered with a timeout error; 0 for no limit. */
    public long queryTimeoutMillis = 30_000;
    /** How long a shutdown waits for requests in flight to finish. */
    public long graceMillis = 10_000;
    /** Opening a database that another process has open for writing: read-only beside it (updates off only). */
    public boolean readOnlyIfLocked = true;

    boolean hasCredential() {
        return (token != null && !token.isEmpty()) || !passwords.isEmpty();
    }
}
