package org.nervusdb.conformance;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Reads the test suite's files from the classpath (the {@code rdf4j-sparql-testsuite} jar). */
final class SuiteFiles {
    private static final String POM_PROPERTIES =
            "META-INF/maven/org.eclipse.rdf4j/rdf4j-sparql-testsuite/pom.properties";

    private SuiteFiles() {
    }

    /** The bytes of a file, by its path inside the jar. */
    static byte[] read(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        }
    }

    static InputStream open(String resource) throws IOException {
        InputStream in = SuiteFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new FileNotFoundException("not on the classpath: " + resource);
        }
        return in;
    }

    static boolean exists(String resource) {
        return SuiteFiles.class.getClassLoader().getResource(resource) != null;
    }

    /** The version of the test-suite jar, as its Maven metadata records it. */
    static String version() {
        try (InputStream in = SuiteFiles.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Every file path under a folder of the suite, found by listing the jar (or the directory, when
     * the suite is on the classpath unpacked), sorted.
     *
     * @param root a folder path inside the jar, ending in '/'
     * @param anchor a file known to be in that folder, used to find the jar
     */
    static List<String> list(String root, String anchor) {
        URL url = SuiteFiles.class.getClassLoader().getResource(root + anchor);
        if (url == null) {
            throw new IllegalStateException("the SPARQL test suite is not on the classpath: " + root + anchor);
        }
        List<String> out = new ArrayList<>();
        try {
            if ("jar".equals(url.getProtocol())) {
                URLConnection c = url.openConnection();
                c.setUseCaches(false);
                try (JarFile jar = ((JarURLConnection) c).getJarFile()) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        JarEntry entry = e.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(root)) {
                            out.add(entry.getName());
                        }
                    }
                }
            } else if ("file".equals(url.getProtocol())) {
                Path anchorFile = Paths.get(url.toURI());
                Path dir = anchorFile.getParent();
                Path classpathRoot = dir;
                for (int i = 0; i < root.split("/").length; i++) {
                    classpathRoot = classpathRoot.getParent();
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        out.add(classpathRoot.relativize(f).toString().replace('\\', '/'));
                    }
                }
            } else {
                throw new IllegalStateException("cannot list " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Collections.sort(out);
        return out;
    }
}
