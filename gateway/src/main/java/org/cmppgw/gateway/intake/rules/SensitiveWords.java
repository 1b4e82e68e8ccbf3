package org.cmppgw.gateway.intake.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * Finds whether a text contains any of a fixed set of words (JSMS 50037, docs/api.md "Admission rules") in one pass
 * over the text, however many words there are: an Aho–Corasick automaton built once at start, each state's
 * transitions kept as a sorted char array (binary search), failure links resolved at build time. Case-insensitive
 * per UTF-16 char ({@link Character#toLowerCase(char)}), which covers Latin letters; CJK text has no case.
 * Immutable after construction, shared by every event loop.
 */
public final class SensitiveWords {
    private static final SensitiveWords NONE = new SensitiveWords(List.of());
    private static final int ROOT = 0;

    /** Per state: the chars it has edges for (sorted) and where each leads. */
    private final char[][] edgeChars;
    private final int[][] edgeTargets;
    /** Per state: its failure link (the longest proper suffix that is also a state). */
    private final int[] failure;
    /** Per state: whether a word ends here or at a state on its failure chain. */
    private final boolean[] match;

    private SensitiveWords(List<String> words) {
        List<StringBuilder> keysPerState = new ArrayList<>();
        List<List<Integer>> targetsPerState = new ArrayList<>();
        List<Boolean> ends = new ArrayList<>();
        keysPerState.add(new StringBuilder());
        targetsPerState.add(new ArrayList<>());
        ends.add(false);
        for (String word : words) {
            int state = ROOT;
            for (int i = 0; i < word.length(); i++) {
                char c = Character.toLowerCase(word.charAt(i));
                int at = keysPerState.get(state).indexOf(String.valueOf(c));
                if (at >= 0) {
                    state = targetsPerState.get(state).get(at);
                    continue;
                }
                int next = keysPerState.size();
                keysPerState.add(new StringBuilder());
                targetsPerState.add(new ArrayList<>());
                ends.add(false);
                keysPerState.get(state).append(c);
                targetsPerState.get(state).add(next);
                state = next;
            }
            ends.set(state, true);
        }
        int states = keysPerState.size();
        this.edgeChars = new char[states][];
        this.edgeTargets = new int[states][];
        for (int s = 0; s < states; s++) {
            sortEdges(s, keysPerState.get(s).toString().toCharArray(), targetsPerState.get(s));
        }
        this.failure = new int[states];
        this.match = new boolean[states];
        for (int s = 0; s < states; s++) {
            match[s] = ends.get(s);
        }
        linkFailures();
    }

    /** An automaton for {@code words}; an empty list matches nothing. */
    public static SensitiveWords of(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i) == null || words.get(i).isEmpty()) {
                throw new IllegalArgumentException("words[" + i + "]: \"" + words.get(i)
                    + "\" (expected: a non-empty word)");
            }
        }
        return words.isEmpty() ? NONE : new SensitiveWords(words);
    }

    private void sortEdges(int state, char[] chars, List<Integer> targets) {
        Integer[] order = new Integer[chars.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Character.compare(chars[a], chars[b]));
        edgeChars[state] = new char[chars.length];
        edgeTargets[state] = new int[chars.length];
        for (int i = 0; i < order.length; i++) {
            edgeChars[state][i] = chars[order[i]];
            edgeTargets[state][i] = targets.get(order[i]);
        }
    }

    /** Breadth first, so a state's failure target is final before its children's are computed. */
    private void linkFailures() {
        Queue<Integer> queue = new ArrayDeque<>();
        for (int target : edgeTargets[ROOT]) {
            failure[target] = ROOT;
            queue.add(target);
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            for (int i = 0; i < edgeChars[state].length; i++) {
                char c = edgeChars[state][i];
                int child = edgeTargets[state][i];
                int f = failure[state];
                int next = edge(f, c);
                while (next < 0 && f != ROOT) {
                    f = failure[f];
                    next = edge(f, c);
                }
                failure[child] = next < 0 ? ROOT : next;
                match[child] |= match[failure[child]];
                queue.add(child);
            }
        }
    }

    private int edge(int state, char c) {
        int at = Arrays.binarySearch(edgeChars[state], c);
        return at < 0 ? -1 : edgeTargets[state][at];
    }

    /** Whether {@code text} contains any of the words, ignoring case. */
    public boolean foundIn(CharSequence text) {
        if (this == NONE) {
            return false;
        }
        int state = ROOT;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            int next = edge(state, c);
            while (next < 0 && state != ROOT) {
                state = failure[state];
                next = edge(state, c);
            }
            state = next < 0 ? ROOT : next;
            if (match[state]) {
                return true;
            }
        }
        return false;
    }
}
