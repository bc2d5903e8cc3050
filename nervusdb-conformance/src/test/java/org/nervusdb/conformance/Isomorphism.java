package org.nervusdb.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether two sets of statements (stored terms; blank nodes are the terms starting with
 * {@code _:}) are the same graph up to renaming blank nodes. Blank nodes are first coloured by
 * their neighbourhoods (refined a few rounds); a backtracking search then tries only mappings
 * between nodes of equal colour and checks every statement as soon as its blank nodes are mapped.
 */
final class Isomorphism {
    private Isomorphism() {
    }

    /** Null if the two are isomorphic, else a short description of a difference. */
    static String difference(List<String[]> expected, List<String[]> actual) {
        Set<List<String>> a = normalise(expected);
        Set<List<String>> b = normalise(actual);
        if (a.size() != b.size()) {
            return "expected " + a.size() + " statements, got " + b.size() + sample(a, b);
        }
        Set<List<String>> groundA = new HashSet<>();
        Set<List<String>> groundB = new HashSet<>();
        for (List<String> t : a) {
            if (!hasBlank(t)) {
                groundA.add(t);
            }
        }
        for (List<String> t : b) {
            if (!hasBlank(t)) {
                groundB.add(t);
            }
        }
        if (!groundA.equals(groundB)) {
            return "statements without blank nodes differ" + sample(groundA, groundB);
        }
        List<List<String>> blankA = new ArrayList<>();
        for (List<String> t : a) {
            if (hasBlank(t)) {
                blankA.add(t);
            }
        }
        Map<String, Integer> colourA = colours(a);
        Map<String, Integer> colourB = colours(b);
        if (colourA.size() != colourB.size()) {
            return "expected " + colourA.size() + " blank nodes, got " + colourB.size();
        }
        List<String> nodes = new ArrayList<>(colourA.keySet());
        Map<String, List<List<String>>> byNode = new HashMap<>();
        for (List<String> t : blankA) {
            for (String term : t) {
                if (isBlank(term)) {
                    byNode.computeIfAbsent(term, k -> new ArrayList<>()).add(t);
                }
            }
        }
        Map<String, String> map = new HashMap<>();
        if (!search(0, nodes, colourA, colourB, byNode, b, map, new HashSet<>())) {
            return "no mapping of blank nodes makes the graphs equal" + sample(a, b);
        }
        return null;
    }

    private static boolean search(int i, List<String> nodes, Map<String, Integer> colourA, Map<String, Integer> colourB,
            Map<String, List<List<String>>> byNode, Set<List<String>> b, Map<String, String> map, Set<String> used) {
        if (i == nodes.size()) {
            return true;
        }
        String x = nodes.get(i);
        for (Map.Entry<String, Integer> candidate : colourB.entrySet()) {
            String y = candidate.getKey();
            if (used.contains(y) || !candidate.getValue().equals(colourA.get(x))) {
                continue;
            }
            map.put(x, y);
            used.add(y);
            if (consistent(x, byNode, b, map) && search(i + 1, nodes, colourA, colourB, byNode, b, map, used)) {
                return true;
            }
            map.remove(x);
            used.remove(y);
        }
        return false;
    }

    private static boolean consistent(String x, Map<String, List<List<String>>> byNode, Set<List<String>> b,
            Map<String, String> map) {
        for (List<String> t : byNode.getOrDefault(x, List.of())) {
            List<String> mapped = new ArrayList<>(4);
            boolean complete = true;
            for (String term : t) {
                if (isBlank(term)) {
                    String m = map.get(term);
                    if (m == null) {
                        complete = false;
                        break;
                    }
                    mapped.add(m);
                } else {
                    mapped.add(term);
                }
            }
            if (complete && !b.contains(mapped)) {
                return false;
            }
        }
        return true;
    }

    /** A colour per blank node, from its statements, refined over its neighbours' colours. */
    private static Map<String, Integer> colours(Set<List<String>> graph) {
        Map<String, Integer> colour = new HashMap<>();
        for (List<String> t : graph) {
            for (String term : t) {
                if (isBlank(term)) {
                    colour.put(term, 0);
                }
            }
        }
        for (int round = 0; round < 4; round++) {
            Map<String, List<String>> signatures = new HashMap<>();
            for (List<String> t : graph) {
                for (int pos = 0; pos < t.size(); pos++) {
                    String self = t.get(pos);
                    if (!isBlank(self)) {
                        continue;
                    }
                    StringBuilder sb = new StringBuilder().append(pos).append('|');
                    for (String term : t) {
                        sb.append(term.equals(self) ? "@" : isBlank(term) ? "#" + colour.get(term) : term).append('\u0001');
                    }
                    signatures.computeIfAbsent(self, k -> new ArrayList<>()).add(sb.toString());
                }
            }
            Map<String, Integer> next = new HashMap<>();
            signatures.forEach((node, sigs) -> {
                sigs.sort(null);
                next.put(node, (colour.get(node) + "/" + String.join("\u0002", sigs)).hashCode());
            });
            colour.putAll(next);
        }
        return colour;
    }

    private static Set<List<String>> normalise(List<String[]> statements) {
        Set<List<String>> out = new LinkedHashSet<>();
        for (String[] s : statements) {
            out.add(Arrays.asList(s[0], s[1], s[2], s.length > 3 && s[3] != null ? s[3] : ""));
        }
        return out;
    }

    private static boolean hasBlank(List<String> t) {
        for (String term : t) {
            if (isBlank(term)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String term) {
        return term.startsWith("_:");
    }

    private static String sample(Set<List<String>> a, Set<List<String>> b) {
        for (List<String> t : a) {
            if (!hasBlank(t) && !b.contains(t)) {
                return "; missing " + t;
            }
        }
        for (List<String> t : b) {
            if (!hasBlank(t) && !a.contains(t)) {
                return "; unexpected " + t;
            }
        }
        return "";
    }
}
