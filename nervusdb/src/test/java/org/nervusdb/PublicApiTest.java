package org.nervusdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The public package as users see it: no public member of a public type of {@code org.nervusdb}
 * takes or returns a type of an internal package (but for the hooks listed here), the package
 * is null-marked with the wildcards nullable, and a query result is an {@link Iterable} of its rows.
 */
class PublicApiTest {

    /** Public members that name internal types on purpose: hooks for the adapters and the JavaScript binding. */
    private static final Set<String> HOOKS = Set.of(
            "NervusDB.storeSnapshot", "NervusDB.snapshotWith", "QueryBuilder.chain");

    @Test
    void publicMembersNameNoInternalTypeButTheHooks() throws Exception {
        List<String> found = new ArrayList<>();
        Set<String> classes = classesOfPublicPackage();
        assertThat(classes).contains("NervusDB", "Transaction", "QueryResult", "QueryOptions",
                "QuerySyntaxException", "QueryAbortedException", "Triple", "Quad");
        for (String name : classes) {
            Class<?> c = Class.forName("org.nervusdb." + name.replace('.', '$'));
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            List<Executable> members = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
            members.addAll(Arrays.asList(c.getDeclaredConstructors()));
            for (Executable m : members) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                List<Type> types = new ArrayList<>(Arrays.asList(m.getGenericParameterTypes()));
                if (m instanceof Method) {
                    types.add(((Method) m).getGenericReturnType());
                }
                for (Type t : types) {
                    for (Class<?> used : classesIn(t)) {
                        if (internal(used) && !HOOKS.contains(c.getSimpleName() + "." + m.getName())) {
                            found.add(c.getName() + "." + m.getName() + " names " + used.getName());
                        }
                    }
                }
            }
            if (c.getSuperclass() != null && internal(c.getSuperclass())) {
                found.add(c.getName() + " extends " + c.getSuperclass().getName());
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void internalTypesAreRecognized() {
        // The check above looks at the right thing: an internal type in a signature is found.
        assertThat(internal(org.nervusdb.engine.TripleStore.StoreSnapshot.class)).isTrue();
        assertThat(internal(Triple.class)).isFalse();
        assertThat(internal(NervusDB.TripleSink.class)).isFalse();
    }

    @Test
    void thePackageIsNullMarkedAndWildcardsAreNullable() throws Exception {
        assertThat(Triple.class.getPackage().isAnnotationPresent(NullMarked.class)).isTrue();
        assertThat(NervusDB.class.isAnnotationPresent(NullMarked.class)).isTrue();
        Method find = NervusDB.class.getMethod("find", String.class, String.class, String.class);
        for (AnnotatedType t : find.getAnnotatedParameterTypes()) {
            assertThat(t.isAnnotationPresent(Nullable.class)).isTrue();
        }
        Method count = TripleReader.class.getMethod("count", String.class, String.class, String.class);
        for (AnnotatedType t : count.getAnnotatedParameterTypes()) {
            assertThat(t.isAnnotationPresent(Nullable.class)).isTrue();
        }
        assertThat(Quad.class.getMethod("graph").getAnnotatedReturnType().isAnnotationPresent(Nullable.class)).isTrue();
        // Not everything is nullable: the subject of a triple, the term of add.
        assertThat(Triple.class.getMethod("subject").getAnnotatedReturnType().isAnnotationPresent(Nullable.class)).isFalse();
        for (Parameter p : NervusDB.class.getMethod("add", String.class, String.class, String.class).getParameters()) {
            assertThat(p.getAnnotatedType().isAnnotationPresent(Nullable.class)).isFalse();
        }
    }

    @Test
    void aQueryResultIsTheIterableOfItsRows() {
        try (NervusDB db = NervusDB.openInMemory()) {
            db.add("alice", "knows", "bob");
            db.add("alice", "knows", "carol");
            db.add("carol", "age", 31);
            List<List<String>> rows = new ArrayList<>();
            try (QueryResult r = db.sparql("SELECT ?x ?a WHERE { <alice> <knows> ?x OPTIONAL { ?x <age> ?a } } ORDER BY ?x")) {
                for (@Nullable String[] row : r) {
                    rows.add(Arrays.asList(row));
                }
                // Read once: the rows are gone.
                assertThat(r.iterator().hasNext()).isFalse();
                assertThatThrownBy(() -> r.iterator().next()).isInstanceOf(NoSuchElementException.class);
            }
            assertThat(rows).containsExactly(Arrays.asList("bob", null),
                    List.of("carol", "\"31\"^^<http://www.w3.org/2001/XMLSchema#integer>"));
            try (QueryResult r = db.sparql("SELECT ?x WHERE { <alice> <knows> ?x } ORDER BY ?x")) {
                Iterator<@Nullable String[]> it = r.iterator();
                assertThat(it.next()).containsExactly("bob");
                assertThat(r.next()).containsExactly("carol"); // the iterator reads the result itself
                assertThat(it.hasNext()).isFalse();
            }
        }
    }

    private static boolean internal(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        String p = c.getPackageName();
        return p.startsWith("org.nervusdb.") && !p.equals("org.nervusdb");
    }

    private static List<Class<?>> classesIn(Type t) {
        if (t instanceof Class) {
            return List.of((Class<?>) t);
        }
        if (t instanceof ParameterizedType) {
            List<Class<?>> out = new ArrayList<>(classesIn(((ParameterizedType) t).getRawType()));
            for (Type a : ((ParameterizedType) t).getActualTypeArguments()) {
                out.addAll(classesIn(a));
            }
            return out;
        }
        if (t instanceof java.lang.reflect.GenericArrayType) {
            return classesIn(((java.lang.reflect.GenericArrayType) t).getGenericComponentType());
        }
        if (t instanceof java.lang.reflect.WildcardType) {
            List<Class<?>> out = new ArrayList<>();
            for (Type b : ((java.lang.reflect.WildcardType) t).getUpperBounds()) {
                out.addAll(classesIn(b));
            }
            for (Type b : ((java.lang.reflect.WildcardType) t).getLowerBounds()) {
                out.addAll(classesIn(b));
            }
            return out;
        }
        return Collections.emptyList();
    }

    /** Simple names of the top-level and nested classes of package org.nervusdb, from this module and the core. */
    private static Set<String> classesOfPublicPackage() throws IOException, URISyntaxException {
        Set<String> out = new TreeSet<>();
        for (URL url : Collections.list(PublicApiTest.class.getClassLoader().getResources("org/nervusdb"))) {
            if (url.toString().contains("test-classes") || url.toString().contains("-tests.jar")) {
                continue; // the tests' own classes (this module's and the core's test jar)
            }
            List<String> files = new ArrayList<>();
            if (url.getProtocol().equals("file")) {
                try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
                    s.forEach(p -> files.add(p.getFileName().toString()));
                }
            } else if (url.getProtocol().equals("jar")) {
                try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith("org/nervusdb/") && n.indexOf('/', "org/nervusdb/".length()) < 0)
                            .forEach(n -> files.add(n.substring("org/nervusdb/".length())));
                }
            }
            for (String f : files) {
                if (f.endsWith(".class") && !f.equals("package-info.class") && !f.matches(".*\\$[0-9].*")) {
                    out.add(f.substring(0, f.length() - ".class".length()).replace('$', '.'));
                }
            }
        }
        return out;
    }

    @Test
    void nestedNamesResolve() throws Exception {
        // classesOfPublicPackage gives nested classes as Outer.Inner: loadable as Outer$Inner.
        for (String name : classesOfPublicPackage()) {
            assertThat(Class.forName("org.nervusdb." + name.replace('.', '$'))).isNotNull();
        }
    }
}
