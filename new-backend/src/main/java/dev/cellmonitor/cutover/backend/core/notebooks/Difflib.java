package dev.cellmonitor.cutover.backend.core.notebooks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of Python's {@code difflib} the legacy's numbers come from: {@code SequenceMatcher(None, a, b)} (with
 * its default "autojunk" heuristic) for {@code ratio()}, and {@code unified_diff(..., lineterm="", n=3)}.
 * Ported literally, because similarity scores and diff hunks must match the legacy's to the last digit.
 */
final class Difflib {

    private Difflib() {
    }

    /** {@code SequenceMatcher(None, a, b).ratio()} over the code points of two texts. */
    static double ratio(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int matches = 0;
        for (int[] block : new Matcher(x, y).matchingBlocks()) {
            matches += block[2];
        }
        int length = x.length + y.length;
        return length == 0 ? 1.0 : 2.0 * matches / length;
    }

    /** {@code list(difflib.unified_diff(a, b, fromfile, tofile, lineterm="", n=3))}. */
    static List<String> unifiedDiff(List<String> a, List<String> b, String fromFile, String toFile) {
        Map<String, Integer> ids = new HashMap<>();
        int[] x = a.stream().mapToInt(line -> ids.computeIfAbsent(line, l -> ids.size())).toArray();
        int[] y = b.stream().mapToInt(line -> ids.computeIfAbsent(line, l -> ids.size())).toArray();
        List<String> out = new ArrayList<>();
        for (List<int[]> group : new Matcher(x, y).groupedOpcodes(3)) {
            if (out.isEmpty()) {
                out.add("--- " + fromFile);
                out.add("+++ " + toFile);
            }
            int[] first = group.getFirst();
            int[] last = group.getLast();
            out.add("@@ -" + range(first[1], last[2]) + " +" + range(first[3], last[4]) + " @@");
            for (int[] op : group) {
                if (op[0] == EQUAL) {
                    a.subList(op[1], op[2]).forEach(line -> out.add(" " + line));
                    continue;
                }
                if (op[0] == REPLACE || op[0] == DELETE) {
                    a.subList(op[1], op[2]).forEach(line -> out.add("-" + line));
                }
                if (op[0] == REPLACE || op[0] == INSERT) {
                    b.subList(op[3], op[4]).forEach(line -> out.add("+" + line));
                }
            }
        }
        return out;
    }

    /** difflib's {@code _format_range_unified}. */
    private static String range(int start, int stop) {
        int beginning = start + 1;
        int length = stop - start;
        if (length == 1) {
            return Integer.toString(beginning);
        }
        if (length == 0) {
            beginning -= 1;
        }
        return beginning + "," + length;
    }

    private static final int EQUAL = 0;
    private static final int REPLACE = 1;
    private static final int DELETE = 2;
    private static final int INSERT = 3;

    /** {@code SequenceMatcher} with {@code isjunk=None, autojunk=True}; opcodes are {tag, i1, i2, j1, j2}. */
    private static final class Matcher {
        private final int[] a;
        private final int[] b;
        private final Map<Integer, List<Integer>> b2j = new HashMap<>();

        Matcher(int[] a, int[] b) {
            this.a = a;
            this.b = b;
            for (int j = 0; j < b.length; j++) {
                b2j.computeIfAbsent(b[j], e -> new ArrayList<>()).add(j);
            }
            // elements making up more than 1 % of a long b are "popular" and not used to start a match
            if (b.length >= 200) {
                int limit = b.length / 100 + 1;
                b2j.values().removeIf(positions -> positions.size() > limit);
            }
        }

        /** {@code find_longest_match}; there is no junk, so matches extend over popular elements as well. */
        private int[] longestMatch(int alo, int ahi, int blo, int bhi) {
            int besti = alo;
            int bestj = blo;
            int bestsize = 0;
            Map<Integer, Integer> j2len = new HashMap<>();
            for (int i = alo; i < ahi; i++) {
                Map<Integer, Integer> next = new HashMap<>();
                for (int j : b2j.getOrDefault(a[i], List.of())) {
                    if (j < blo) {
                        continue;
                    }
                    if (j >= bhi) {
                        break;
                    }
                    int k = j2len.getOrDefault(j - 1, 0) + 1;
                    next.put(j, k);
                    if (k > bestsize) {
                        besti = i - k + 1;
                        bestj = j - k + 1;
                        bestsize = k;
                    }
                }
                j2len = next;
            }
            while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) {
                besti--;
                bestj--;
                bestsize++;
            }
            while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize]) {
                bestsize++;
            }
            return new int[] {besti, bestj, bestsize};
        }

        /** {@code get_matching_blocks}: triples {i, j, size}, the last one {len(a), len(b), 0}. */
        List<int[]> matchingBlocks() {
            List<int[]> blocks = new ArrayList<>();
            Deque<int[]> queue = new ArrayDeque<>();
            queue.push(new int[] {0, a.length, 0, b.length});
            while (!queue.isEmpty()) {
                int[] q = queue.pop();
                int[] m = longestMatch(q[0], q[1], q[2], q[3]);
                int i = m[0];
                int j = m[1];
                int k = m[2];
                if (k > 0) {
                    blocks.add(m);
                    if (q[0] < i && q[2] < j) {
                        queue.push(new int[] {q[0], i, q[2], j});
                    }
                    if (i + k < q[1] && j + k < q[3]) {
                        queue.push(new int[] {i + k, q[1], j + k, q[3]});
                    }
                }
            }
            blocks.sort(Comparator.<int[]>comparingInt(t -> t[0]).thenComparingInt(t -> t[1])
                    .thenComparingInt(t -> t[2]));
            List<int[]> collapsed = new ArrayList<>();
            int i1 = 0;
            int j1 = 0;
            int k1 = 0;
            for (int[] t : blocks) {
                if (i1 + k1 == t[0] && j1 + k1 == t[1]) {
                    k1 += t[2];
                } else {
                    if (k1 > 0) {
                        collapsed.add(new int[] {i1, j1, k1});
                    }
                    i1 = t[0];
                    j1 = t[1];
                    k1 = t[2];
                }
            }
            if (k1 > 0) {
                collapsed.add(new int[] {i1, j1, k1});
            }
            collapsed.add(new int[] {a.length, b.length, 0});
            return collapsed;
        }

        private List<int[]> opcodes() {
            List<int[]> codes = new ArrayList<>();
            int i = 0;
            int j = 0;
            for (int[] block : matchingBlocks()) {
                int ai = block[0];
                int bj = block[1];
                int size = block[2];
                int tag = -1;
                if (i < ai && j < bj) {
                    tag = REPLACE;
                } else if (i < ai) {
                    tag = DELETE;
                } else if (j < bj) {
                    tag = INSERT;
                }
                if (tag >= 0) {
                    codes.add(new int[] {tag, i, ai, j, bj});
                }
                i = ai + size;
                j = bj + size;
                if (size > 0) {
                    codes.add(new int[] {EQUAL, ai, i, bj, j});
                }
            }
            return codes;
        }

        /** {@code get_grouped_opcodes(n)}: change hunks with up to n lines of context. */
        List<List<int[]>> groupedOpcodes(int n) {
            List<int[]> codes = opcodes();
            if (codes.isEmpty()) {
                codes.add(new int[] {EQUAL, 0, 1, 0, 1});
            }
            int[] first = codes.getFirst();
            if (first[0] == EQUAL) {
                codes.set(0, new int[] {EQUAL, Math.max(first[1], first[2] - n), first[2],
                        Math.max(first[3], first[4] - n), first[4]});
            }
            int[] last = codes.getLast();
            if (last[0] == EQUAL) {
                codes.set(codes.size() - 1, new int[] {EQUAL, last[1], Math.min(last[2], last[1] + n),
                        last[3], Math.min(last[4], last[3] + n)});
            }
            List<List<int[]>> groups = new ArrayList<>();
            List<int[]> group = new ArrayList<>();
            for (int[] code : codes) {
                int i1 = code[1];
                int j1 = code[3];
                if (code[0] == EQUAL && code[2] - i1 > 2 * n) {
                    group.add(new int[] {EQUAL, i1, Math.min(code[2], i1 + n), j1, Math.min(code[4], j1 + n)});
                    groups.add(group);
                    group = new ArrayList<>();
                    i1 = Math.max(i1, code[2] - n);
                    j1 = Math.max(j1, code[4] - n);
                }
                group.add(new int[] {code[0], i1, code[2], j1, code[4]});
            }
            if (!group.isEmpty() && !(group.size() == 1 && group.getFirst()[0] == EQUAL)) {
                groups.add(group);
            }
            return groups;
        }
    }
}
