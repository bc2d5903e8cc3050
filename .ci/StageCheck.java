import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a staging repository (the file:// repository the release build deploys to) against the
 * rules Maven Central applies to a publication, for every artifact in it:
 *
 * <ul>
 *   <li>the pom has groupId, artifactId, version, name, description, url, a license (name and
 *       url), a developer and scm (url and connection), directly or from its parent pom, which
 *       must be in the staging repository too;
 *   <li>a jar artifact has its jar (with classes), a -sources.jar (with .java files) and a
 *       -javadoc.jar (with an index.html);
 *   <li>every file has .md5 and .sha1 checksums that match it;
 *   <li>every file has an .asc signature (with --signatures: required, and checked with gpg);
 *   <li>a dependency on another artifact of the same group (not test or provided) is in the
 *       staging repository: a published module may not need an unpublished one;
 *   <li>the version is not a SNAPSHOT (Central refuses those) unless --allow-snapshot.
 * </ul>
 *
 * Usage: {@code java .ci/StageCheck.java STAGING_DIR [--allow-snapshot] [--signatures]}.
 * Prints one line per artifact and exits 1 if any rule is broken.
 */
public final class StageCheck {
    private final Path root;
    private final boolean allowSnapshot;
    private final boolean signatures;
    private final List<String> problems = new ArrayList<>();
    /** groupId:artifactId of every artifact staged. */
    private final Map<String, Path> staged = new TreeMap<>();

    private StageCheck(Path root, boolean allowSnapshot, boolean signatures) {
        this.root = root;
        this.allowSnapshot = allowSnapshot;
        this.signatures = signatures;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java StageCheck.java STAGING_DIR [--allow-snapshot] [--signatures]");
            System.exit(2);
        }
        List<String> options = List.of(args).subList(1, args.length);
        StageCheck check = new StageCheck(Path.of(args[0]), options.contains("--allow-snapshot"),
                options.contains("--signatures"));
        System.exit(check.run());
    }

    private int run() throws Exception {
        if (!Files.isDirectory(root)) {
            System.err.println("stage-check: no staging repository at " + root);
            return 1;
        }
        List<Path> poms;
        try (Stream<Path> s = Files.walk(root)) {
            poms = s.filter(p -> p.getFileName().toString().endsWith(".pom")).sorted().collect(Collectors.toList());
        }
        if (poms.isEmpty()) {
            System.err.println("stage-check: no pom in " + root);
            return 1;
        }
        Map<Path, Document> docs = new TreeMap<>();
        for (Path pom : poms) {
            Document d = parse(pom);
            docs.put(pom, d);
            staged.put(coordinate(d, "groupId") + ":" + text(d.getDocumentElement(), "artifactId"), pom);
        }
        for (Map.Entry<Path, Document> e : docs.entrySet()) {
            checkArtifact(e.getKey(), e.getValue());
        }
        for (String p : problems) {
            System.out.println("PROBLEM: " + p);
        }
        System.out.println("stage-check: " + docs.size() + " artifacts in " + root + ", " + problems.size() + " problems"
                + (signatures ? ", signatures verified" : ""));
        return problems.isEmpty() ? 0 : 1;
    }

    private void checkArtifact(Path pom, Document d) throws Exception {
        Element project = d.getDocumentElement();
        String base = pom.getFileName().toString().replaceFirst("\\.pom$", "");
        String artifactId = text(project, "artifactId");
        String version = coordinate(d, "version");
        String packaging = text(project, "packaging");
        if (packaging == null) packaging = "jar";
        String id = coordinate(d, "groupId") + ":" + artifactId + ":" + version;
        int before = problems.size();

        if (version == null || version.endsWith("-SNAPSHOT")) {
            if (!allowSnapshot) problems.add(id + ": a SNAPSHOT version; Central accepts releases only");
        }
        for (String element : List.of("name", "description", "url")) {
            if (inherited(d, new String[] {element}) == null) problems.add(id + ": pom has no <" + element + ">");
        }
        requireNested(id, d, "licenses", "license", "name");
        requireNested(id, d, "licenses", "license", "url");
        if (inherited(d, new String[] {"developers", "developer", "name"}) == null
                && inherited(d, new String[] {"developers", "developer", "id"}) == null) {
            problems.add(id + ": pom has no <developers><developer> with a name or id");
        }
        requireNested(id, d, "scm", "url");
        requireNested(id, d, "scm", "connection");
        checkDependencies(id, project);

        List<Path> files = new ArrayList<>();
        files.add(pom);
        if (!packaging.equals("pom")) {
            files.add(require(id, pom.resolveSibling(base + ".jar"), ".class", "classes"));
            files.add(require(id, pom.resolveSibling(base + "-sources.jar"), ".java", "sources"));
            files.add(require(id, pom.resolveSibling(base + "-javadoc.jar"), "index.html", "javadoc"));
        }
        for (Path f : files) {
            if (f == null || !Files.isRegularFile(f)) continue;
            checksum(id, f, "MD5", ".md5");
            checksum(id, f, "SHA-1", ".sha1");
            Path asc = f.resolveSibling(f.getFileName() + ".asc");
            if (!Files.isRegularFile(asc)) {
                problems.add(id + ": no signature " + asc.getFileName());
            } else if (signatures) {
                // (signatures need no checksums of their own: Central does not ask for them, and
                // Maven does not write them)
                verifySignature(id, f, asc);
            }
        }
        System.out.println((problems.size() == before ? "ok       " : "PROBLEMS ") + id + " (" + packaging + ", "
                + files.size() + " files)");
    }

    /** The file, which must exist and hold an entry whose name ends with {@code suffix}. */
    private Path require(String id, Path file, String suffix, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            problems.add(id + ": missing " + file.getFileName());
            return null;
        }
        boolean found = false;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().endsWith(suffix)) {
                    found = true;
                    break;
                }
            }
        }
        if (!found) problems.add(id + ": " + file.getFileName() + " holds no " + what + " (no *" + suffix + ")");
        return file;
    }

    private void checksum(String id, Path file, String algorithm, String extension)
            throws IOException, NoSuchAlgorithmException {
        Path sum = file.resolveSibling(file.getFileName() + extension);
        if (!Files.isRegularFile(sum)) {
            problems.add(id + ": no checksum " + sum.getFileName());
            return;
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
        String recorded = Files.readString(sum).trim().split("\\s+")[0].toLowerCase();
        if (!expected.equals(recorded)) problems.add(id + ": " + sum.getFileName() + " does not match the file");
    }

    private void verifySignature(String id, Path file, Path asc) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("gpg", "--batch", "--verify", asc.toString(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) problems.add(id + ": bad signature " + asc.getFileName() + ": " + out.trim());
    }

    /** Dependencies in the same group, needed at compile or run time, must be staged too. */
    private void checkDependencies(String id, Element project) {
        Element deps = child(project, "dependencies");
        if (deps == null) return;
        String group = coordinate(project.getOwnerDocument(), "groupId");
        for (Node n = deps.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element) || !((Element) n).getTagName().equals("dependency")) continue;
            Element dep = (Element) n;
            String scope = text(dep, "scope");
            if ("test".equals(scope) || "provided".equals(scope)) continue;
            String g = text(dep, "groupId");
            if (g != null && g.replace("${project.groupId}", group).equals(group)
                    && !staged.containsKey(group + ":" + text(dep, "artifactId"))) {
                problems.add(id + ": depends on " + group + ":" + text(dep, "artifactId") + ", which is not published");
            }
        }
    }

    private void requireNested(String id, Document d, String... path) {
        if (inherited(d, path) == null) {
            problems.add(id + ": pom has no <" + String.join("><", path) + ">");
        }
    }

    /** The text at path in the pom, or else in its parent's pom (from the staging repository). */
    private String inherited(Document d, String[] path) {
        for (Document cur = d; cur != null; cur = parent(cur)) {
            Element e = cur.getDocumentElement();
            for (String name : path) {
                e = e == null ? null : child(e, name);
            }
            if (e != null && !e.getTextContent().isBlank()) return e.getTextContent().trim();
        }
        return null;
    }

    private Document parent(Document d) {
        Element parent = child(d.getDocumentElement(), "parent");
        if (parent == null) return null;
        String g = text(parent, "groupId"), a = text(parent, "artifactId"), v = text(parent, "version");
        Path dir = root.resolve(g.replace('.', '/')).resolve(a).resolve(v);
        try (Stream<Path> s = Files.list(dir)) {
            Path pom = s.filter(p -> p.getFileName().toString().endsWith(".pom")).sorted().reduce((x, y) -> y)
                    .orElse(null);
            return pom == null ? null : parse(pom);
        } catch (Exception e) {
            problems.add(g + ":" + a + ":" + v + ": the parent pom is not in the staging repository");
            return null;
        }
    }

    private static String coordinate(Document d, String name) {
        Element project = d.getDocumentElement();
        String v = text(project, name);
        if (v == null && child(project, "parent") != null) v = text(child(project, "parent"), name);
        return v;
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) return (Element) n;
        }
        return null;
    }

    private static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent().trim();
    }
}
