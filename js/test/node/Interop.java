import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nervusdb.NervusDB;
import org.nervusdb.NervusDBException;
import org.nervusdb.Options;
import org.nervusdb.Transaction;
import org.nervusdb.Triple;
import org.nervusdb.TripleCursor;
import org.nervusdb.engine.PropertyValues;

/**
 * The JVM side of the JavaScript package's interoperability tests, run as a single source file
 * on the command-line tool's jar: {@code java -cp nervusdb-cli.jar Interop.java MODE DIR}.
 * Terms travel as lines of tab-separated fields with {@code \t}, {@code \n}, {@code \r} and
 * {@code \\} escaped.
 * <ul>
 * <li>{@code apply DIR}: reads {@code + s p o}, {@code - s p o} (delete), {@code flush},
 * {@code compact} and {@code commit} lines from standard input; {@code +} lines are collected
 * and added in one commit at the next {@code commit} or other command.</li>
 * <li>{@code dump DIR}: verifies every table, then prints {@code count N} and every triple.</li>
 * <li>{@code hold DIR}: opens, prints {@code ready}, and waits until standard input closes.</li>
 * <li>{@code props DIR}: reads {@code n NODE} and {@code e S P O} lines and prints, for each,
 * the properties as JSON and (for nodes) a tab and the labels joined by commas; then
 * {@code problems N}, the index problems {@code checkIndexes} finds.</li>
 * <li>{@code props-write DIR}: commits the properties and labels {@link #written} describes.</li>
 * </ul>
 * A NervusDB error exits with status 3 after printing {@code error CODE message}.
 */
public final class Interop {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "apply" -> apply(dir);
                case "dump" -> dump(dir);
                case "hold" -> hold(dir);
                case "props" -> props(dir);
                case "props-write" -> propsWrite(dir);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } catch (NervusDBException e) {
            System.out.println("error " + e.code() + " " + e.getMessage());
            System.exit(3);
        }
    }

    private static BufferedReader stdin() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    private static void apply(Path dir) throws Exception {
        // A small memtable so that a modest input spans several tables and logs.
        Options options = Options.defaults().memtableSize(256 << 10);
        try (NervusDB db = NervusDB.open(dir, options); BufferedReader in = stdin()) {
            List<Triple> pending = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("+")) {
                    pending.add(Triple.of(unescape(f[1]), unescape(f[2]), unescape(f[3])));
                    continue;
                }
                if (!pending.isEmpty()) {
                    db.addAll(pending);
                    pending.clear();
                }
                switch (f[0]) {
                    case "-" -> db.delete(unescape(f[1]), unescape(f[2]), unescape(f[3]));
                    case "flush" -> db.flush();
                    case "compact" -> db.compact();
                    case "commit" -> { }
                    default -> throw new IllegalArgumentException("bad input line: " + line);
                }
            }
            if (!pending.isEmpty()) {
                db.addAll(pending);
            }
        }
        System.out.println("ok");
    }

    private static void dump(Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir)) {
            db.verify();
            StringBuilder out = new StringBuilder();
            out.append("count ").append(db.count(null, null, null)).append('\n');
            try (TripleCursor c = db.cursor(null, null, null)) {
                while (c.hasNext()) {
                    Triple t = c.next();
                    out.append(escape(t.subject())).append('\t').append(escape(t.predicate())).append('\t')
                            .append(escape(t.object())).append('\n');
                }
            }
            System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
            System.out.flush();
        }
    }

    private static void props(Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir); BufferedReader in = stdin()) {
            StringBuilder out = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("n")) {
                    String node = unescape(f[1]);
                    out.append(PropertyValues.toJson(db.nodeProperties(node))).append('\t')
                            .append(String.join(",", db.labels(node))).append('\n');
                } else {
                    out.append(PropertyValues.toJson(db.edgeProperties(unescape(f[1]), unescape(f[2]), unescape(f[3]))))
                            .append('\n');
                }
            }
            out.append("problems ").append(db.checkIndexes(100).size()).append('\n');
            System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
            System.out.flush();
        }
    }

    /**
     * What props-write commits: the fact (jvm, wrote, it) with edge properties {w: 1.5}; node
     * jvm with {n: null, b: true, i: -7, big: 2^62, f: 0.25, s: "数据 😀", l: [1, "x", [false]],
     * m: {k: {}}} and labels Writer, Jvm.
     */
    static Transaction written() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", null);
        m.put("b", true);
        m.put("i", -7L);
        m.put("big", 1L << 62);
        m.put("f", 0.25);
        m.put("s", "数据 😀");
        m.put("l", List.of(1L, "x", List.of(false)));
        m.put("m", Map.of("k", Map.of()));
        return new Transaction()
                .add("jvm", "wrote", "it")
                .setEdgeProperties("jvm", "wrote", "it", Map.of("w", 1.5))
                .setNodeProperties("jvm", m)
                .addLabels("jvm", List.of("Writer", "Jvm"));
    }

    private static void propsWrite(Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir)) {
            db.commit(written());
        }
        System.out.println("ok");
    }

    private static void hold(Path dir) throws Exception {
        try (NervusDB db = NervusDB.open(dir); BufferedReader in = stdin()) {
            System.out.println("ready");
            System.out.flush();
            while (in.readLine() != null) {
                // Wait for the parent to close standard input.
            }
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\\' -> b.append("\\\\");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case '\\' -> '\\';
                default -> throw new IllegalArgumentException("bad escape \\" + n);
            });
        }
        return b.toString();
    }
}
