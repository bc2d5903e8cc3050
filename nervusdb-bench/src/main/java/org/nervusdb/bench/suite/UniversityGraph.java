package org.nervusdb.bench.suite;

import java.io.IOException;
import java.io.Writer;
import org.nervusdb.bench.SocialGraph;

/**
 * A deterministic university data set in the manner of LUBM (the Lehigh University Benchmark):
 * universities made of departments, each with faculty of four ranks, undergraduate and graduate
 * students, courses, research groups and publications, linked by {@code subOrganizationOf},
 * {@code worksFor}, {@code memberOf}, {@code takesCourse}, {@code teacherOf}, {@code advisor},
 * {@code headOf}, degrees from other universities and {@code publicationAuthor}. Every entity has
 * a {@code type}; people have {@code name} and {@code emailAddress} literals. The counts per
 * department follow LUBM's ranges (drawn from a hash, so the same seed gives the same graph),
 * about 8,000 triples a department and 15 to 25 departments a university.
 *
 * <p>IRIs: {@code http://www.University0.edu/Department3/GraduateStudent12} and the like for
 * entities, {@code http://swat.lehigh.edu/onto/univ-bench.owl#takesCourse} and the like for
 * predicates and classes, {@code rdf:type} for the types.
 */
public final class UniversityGraph {
    public static final String ONTO = "http://swat.lehigh.edu/onto/univ-bench.owl#";
    public static final String TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    private UniversityGraph() {
    }

    /** A number in [lo, hi] drawn from {@code key}. */
    static int between(long key, int lo, int hi) {
        return lo + (int) Long.remainderUnsigned(SocialGraph.mix(key), hi - lo + 1);
    }

    public static String university(int u) {
        return "http://www.University" + u + ".edu";
    }

    public static String department(int u, int d) {
        return "http://www.Department" + d + ".University" + u + ".edu";
    }

    public static String member(int u, int d, String kind, int i) {
        return department(u, d) + "/" + kind + i;
    }

    /** Departments of university {@code u}. */
    public static int departments(int u) {
        return between(u * 1_000_003L + 1, 15, 25);
    }

    /** Per department: {full, associate, assistant professors, lecturers, undergraduates, graduates, courses, graduate courses}. */
    public static int[] sizes(int u, int d) {
        long k = (u * 1_000_003L + d) * 16;
        int full = between(k + 1, 7, 10);
        int assoc = between(k + 2, 10, 14);
        int assist = between(k + 3, 8, 11);
        int lect = between(k + 4, 5, 7);
        int faculty = full + assoc + assist + lect;
        int under = faculty * between(k + 5, 8, 14);
        int grad = faculty * between(k + 6, 3, 4);
        int courses = faculty + between(k + 7, 0, faculty);
        int gradCourses = faculty + between(k + 8, 0, faculty);
        return new int[] {full, assoc, assist, lect, under, grad, courses, gradCourses};
    }

    private static final String[] RANKS = {"FullProfessor", "AssociateProfessor", "AssistantProfessor", "Lecturer"};

    /**
     * Writes university {@code u} as N-Triples; returns the number of lines. Degrees come from
     * universities numbered below {@code universities} (the data set's size, at least 1,000 as in
     * LUBM, so most degree universities are not in the data).
     */
    public static long writeOne(Writer w, int u, int universities) throws IOException {
        Lines out = new Lines(w);
        String univ = university(u);
        out.t(univ, TYPE, ONTO + "University");
        out.lit(univ, ONTO + "name", "University" + u);
        int depts = departments(u);
        for (int d = 0; d < depts; d++) {
            department(out, universities, u, d);
        }
        return out.lines;
    }

    private static void department(Lines out, int universities, int u, int d) throws IOException {
        String dept = department(u, d);
        out.t(dept, TYPE, ONTO + "Department");
        out.t(dept, ONTO + "subOrganizationOf", university(u));
        out.lit(dept, ONTO + "name", "Department" + d);
        int[] n = sizes(u, d);
        long seed = (u * 1_000_003L + d) * 1_000_003L;
        int faculty = n[0] + n[1] + n[2] + n[3];
        String[] staff = new String[faculty];
        int f = 0;
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < n[r]; i++) {
                staff[f++] = member(u, d, RANKS[r], i);
            }
        }
        // Faculty: rank, department, degrees, courses taught (each course has one teacher).
        for (int i = 0; i < faculty; i++) {
            String p = staff[i];
            String rank = p.substring(p.lastIndexOf('/') + 1).replaceAll("[0-9]+$", "");
            out.t(p, TYPE, ONTO + rank);
            out.t(p, ONTO + "worksFor", dept);
            person(out, p);
            long k = seed + i * 31L;
            out.t(p, ONTO + "undergraduateDegreeFrom", university(between(k + 1, 0, universities - 1)));
            out.t(p, ONTO + "mastersDegreeFrom", university(between(k + 2, 0, universities - 1)));
            out.t(p, ONTO + "doctoralDegreeFrom", university(between(k + 3, 0, universities - 1)));
            int pubs = rank.equals("FullProfessor") ? between(k + 4, 15, 20) : rank.equals("Lecturer") ? between(k + 4, 0, 5) : between(k + 4, 5, 15);
            for (int j = 0; j < pubs; j++) {
                String pub = p + "/Publication" + j;
                out.t(pub, TYPE, ONTO + "Publication");
                out.lit(pub, ONTO + "name", "Publication" + j);
                out.t(pub, ONTO + "publicationAuthor", p);
            }
        }
        out.t(staff[0], ONTO + "headOf", dept);
        for (int c = 0; c < n[6]; c++) {
            String course = member(u, d, "Course", c);
            out.t(course, TYPE, ONTO + "Course");
            out.lit(course, ONTO + "name", "Course" + c);
            out.t(staff[c % faculty], ONTO + "teacherOf", course);
        }
        for (int c = 0; c < n[7]; c++) {
            String course = member(u, d, "GraduateCourse", c);
            out.t(course, TYPE, ONTO + "GraduateCourse");
            out.lit(course, ONTO + "name", "GraduateCourse" + c);
            out.t(staff[c % faculty], ONTO + "teacherOf", course);
        }
        int groups = between(seed + 7, 10, 20);
        for (int g = 0; g < groups; g++) {
            String group = member(u, d, "ResearchGroup", g);
            out.t(group, TYPE, ONTO + "ResearchGroup");
            out.t(group, ONTO + "subOrganizationOf", dept);
        }
        for (int s = 0; s < n[4]; s++) {
            String st = member(u, d, "UndergraduateStudent", s);
            out.t(st, TYPE, ONTO + "UndergraduateStudent");
            out.t(st, ONTO + "memberOf", dept);
            person(out, st);
            long k = seed + 500_000L + s * 7L;
            int takes = between(k, 2, 4);
            for (int j = 0; j < takes; j++) {
                out.t(st, ONTO + "takesCourse", member(u, d, "Course", between(k + j + 1, 0, n[6] - 1)));
            }
            if (between(k + 9, 0, 4) == 0) {
                out.t(st, ONTO + "advisor", staff[between(k + 10, 0, faculty - 1)]);
            }
        }
        for (int s = 0; s < n[5]; s++) {
            String st = member(u, d, "GraduateStudent", s);
            out.t(st, TYPE, ONTO + "GraduateStudent");
            out.t(st, ONTO + "memberOf", dept);
            person(out, st);
            long k = seed + 900_000L + s * 7L;
            out.t(st, ONTO + "undergraduateDegreeFrom", university(between(k, 0, universities - 1)));
            int takes = between(k + 1, 1, 3);
            for (int j = 0; j < takes; j++) {
                out.t(st, ONTO + "takesCourse", member(u, d, "GraduateCourse", between(k + j + 2, 0, n[7] - 1)));
            }
            out.t(st, ONTO + "advisor", staff[between(k + 6, 0, n[0] + n[1] + n[2] - 1)]);
        }
    }

    private static void person(Lines out, String p) throws IOException {
        String local = p.substring(p.lastIndexOf('/') + 1);
        out.lit(p, ONTO + "name", local);
        out.lit(p, ONTO + "emailAddress", local + "@" + p.substring("http://www.".length(), p.lastIndexOf('/')));
    }

    /** N-Triples lines of IRIs and simple literals (the generator's names need no escaping). */
    private static final class Lines {
        private final Writer w;
        long lines;

        Lines(Writer w) {
            this.w = w;
        }

        void t(String s, String p, String o) throws IOException {
            w.write('<');
            w.write(s);
            w.write("> <");
            w.write(p);
            w.write("> <");
            w.write(o);
            w.write("> .\n");
            lines++;
        }

        void lit(String s, String p, String value) throws IOException {
            w.write('<');
            w.write(s);
            w.write("> <");
            w.write(p);
            w.write("> \"");
            w.write(value);
            w.write("\" .\n");
            lines++;
        }
    }
}
