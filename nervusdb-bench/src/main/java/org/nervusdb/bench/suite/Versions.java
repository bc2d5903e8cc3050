package org.nervusdb.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Library versions for reports, from the jars' Maven metadata (kept in the shaded jar too). */
final class Versions {
    private Versions() {
    }

    /**
     * The version in {@code META-INF/maven/group/artifact/pom.properties} as seen from
     * {@code anchor}'s class loader, else the implementation version of {@code anchor}'s package,
     * else {@code "unknown"}.
     */
    static String of(Class<?> anchor, String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        ClassLoader loader = anchor.getClassLoader() != null ? anchor.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String v = anchor.getPackage() != null ? anchor.getPackage().getImplementationVersion() : null;
        return v != null ? v : "unknown";
    }
}
