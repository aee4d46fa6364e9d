package dev.lifecycle.metrics.funnel;

import java.util.Arrays;

/**
 * Finds one customer's chain through an {@link EventFunnel}: the one definition of which events make which steps,
 * used by the object path and the batch path alike, so that both give the same answer.
 *
 * <p>The input is one customer's events in order (by time, ties in input order): their keys (epoch nanoseconds, not
 * decreasing) and, per event, a bit mask of the steps it matches. A <em>chain</em> from an entry event assigns events
 * to step 1 (the entry event), to every required step up to some required step, and to any optional steps among them,
 * such that:
 *
 * <ul>
 *   <li>{@link FunnelOrder#ORDERED}: each assigned event comes later than the previous assigned one; {@link
 *       FunnelOrder#STRICT}: it is the next event of the customer;
 *   <li>the time from the previous assigned event lies within the step's minimum and maximum gap, inclusive;
 *   <li>the time from the entry event to every assigned event lies within the window, inclusive.
 * </ul>
 *
 * A chain ends at a required step. The chosen chain from an entry is, of the chains that reach the most required
 * steps, the first when chains are compared step by step in funnel order (a step assigned comes before the step left
 * out, an earlier event before a later one): so optional steps are taken whenever they can be on the way, and every
 * step takes its earliest possible event. The entry event is the customer's first ({@link FunnelEntry#FIRST}) or, of
 * the entry events whose chains reach the most required steps, the latest ({@link FunnelEntry#LONGEST}).
 *
 * <p>{@link FunnelOrder#UNORDERED}: from an entry event (one matching any step), the events within the window are read
 * in order and matched to distinct steps, each event making at most one step, as many steps as possible (a maximum
 * bipartite matching, kept as events are added, so the entry event always takes part); position {@code j} of the chain
 * is the event at which {@code j + 1} steps were first done.
 *
 * <p>Time: ordered and strict chains take time linear in the events inside the window of the chosen entry, times the
 * number of steps (and of optional steps between two required ones); {@link FunnelEntry#LONGEST} adds one pass over all
 * the customer's events for every entry at once. Unordered funnels with {@link FunnelEntry#LONGEST} slide the window
 * from the latest entry back, each event entering and leaving it once, at a cost per event of the steps times the
 * distinct masks of steps among the customer's events (one per step type for steps by type). Not thread-safe: one
 * instance per thread, its scratch arrays reused from customer to customer.
 */
final class ChainSearch {
    private static final int NONE = -1;
    /** Below any reachable number of required steps. */
    private static final int UNREACHABLE = Integer.MIN_VALUE / 2;

    private final int k;
    private final boolean[] optional;
    private final Span[] minGap;
    private final Span[] maxGap;
    private final Span window;
    private final FunnelOrder order;
    private final FunnelEntry entry;
    private final int[] exclusionFrom;
    private final int[] exclusionTo;

    /** Whether the chain from an entry is the greedy one: no optional step, no maximum gap. */
    private final boolean greedy;

    /** The number of required steps up to and including each step. */
    private final int[] rank;

    // scratch, grown as customers need
    private int[][] lists;
    private int[] listLength;
    private int[][] values;
    private int[] deque = new int[16];
    private final WindowMatching windowMatching;
    private int[] classOf = new int[16];

    ChainSearch(
            boolean[] optional,
            Span[] minGap,
            Span[] maxGap,
            Span window,
            FunnelOrder order,
            FunnelEntry entry,
            int[] exclusionFrom,
            int[] exclusionTo) {
        this.k = optional.length;
        this.optional = optional;
        this.minGap = minGap;
        this.maxGap = maxGap;
        this.window = window;
        this.order = order;
        this.entry = entry;
        this.exclusionFrom = exclusionFrom;
        this.exclusionTo = exclusionTo;
        this.rank = new int[k];
        int required = 0;
        for (int s = 0; s < k; s++) {
            required += optional[s] ? 0 : 1;
            rank[s] = required;
        }
        this.lists = new int[k][16];
        this.listLength = new int[k];
        this.values = new int[k][16];
        boolean simple = true;
        for (int s = 1; s < k; s++) {
            simple &= !optional[s] && maxGap[s].unbounded();
        }
        this.greedy = simple;
        this.windowMatching = new WindowMatching(k);
    }

    /**
     * Finds the customer's chosen chain.
     *
     * @param n the number of events
     * @param keys the events' keys, not decreasing
     * @param masks the steps each event matches, bit {@code s} for step {@code s}
     * @param chain receives, per step, the position of its event, or -1 when the chain leaves it out
     * @return false when the customer has no entry event (the chain is then all -1)
     */
    boolean search(int n, long[] keys, int[] masks, int[] chain) {
        Arrays.fill(chain, 0, k, NONE);
        if (order == FunnelOrder.UNORDERED) {
            return unordered(n, keys, masks, chain);
        }
        int first = firstMatch(n, masks, 0, 0);
        if (first == NONE) {
            return false;
        }
        int start = entry == FunnelEntry.FIRST ? first : longestEntry(n, keys, masks, first);
        chainFrom(start, n, keys, masks, chain);
        return true;
    }

    /**
     * Tells which exclusions the chain breaks: exclusion {@code x} when the chain has its from-step and an event
     * matching it lies after that step's event and before the to-step's event, or, when the chain does not reach the
     * to-step, before the end of the window (inclusive).
     *
     * @return bit {@code x} set for each exclusion broken
     */
    int excluded(int n, long[] keys, int[] exclusionMasks, int[] chain) {
        int broken = 0;
        if (chain[0] == NONE) {
            return broken;
        }
        int windowEnd = windowEnd(chain[0], n, keys);
        for (int x = 0; x < exclusionFrom.length; x++) {
            int from = chain[exclusionFrom[x]];
            if (from == NONE) {
                continue;
            }
            int to = chain[exclusionTo[x]];
            int end = to == NONE ? windowEnd : to;
            for (int p = from + 1; p < end; p++) {
                if ((exclusionMasks[p] & (1 << x)) != 0) {
                    broken |= 1 << x;
                    break;
                }
            }
        }
        return broken;
    }

    /** The position after the last event within the window of the entry at {@code start}. */
    private int windowEnd(int start, int n, long[] keys) {
        long last = window.after(keys[start]);
        int end = start + 1;
        while (end < n && keys[end] <= last) {
            end++;
        }
        return end;
    }

    private static int firstMatch(int n, int[] masks, int from, int step) {
        for (int p = from; p < n; p++) {
            if ((masks[p] & (1 << step)) != 0) {
                return p;
            }
        }
        return NONE;
    }

    /** Whether an event with key {@code to} may make step {@code t} after an event with key {@code from}. */
    private boolean gapAllows(int t, long from, long to) {
        return to >= minGap[t].after(from) && to <= maxGap[t].after(from);
    }

    /** The steps {@code s} whose events may directly precede step {@code t}'s: the previous required step onward. */
    private int previousRequired(int t) {
        int s = t - 1;
        while (optional[s]) {
            s--;
        }
        return s;
    }

    /** Lists, per step, the positions from {@code from} to {@code to - 1} that match it (step 1: {@code only}). */
    private void fillLists(int from, int to, int[] masks, int only) {
        for (int s = 0; s < k; s++) {
            listLength[s] = 0;
        }
        if (lists[0].length < to - from) {
            for (int s = 0; s < k; s++) {
                lists[s] = new int[Math.max(to - from, lists[s].length * 2)];
                values[s] = new int[lists[s].length];
            }
            deque = new int[lists[0].length];
        }
        for (int p = from; p < to; p++) {
            int mask = masks[p];
            for (int s = only == NONE ? 0 : 1; s < k && mask != 0; s++) {
                if ((mask & (1 << s)) != 0) {
                    lists[s][listLength[s]++] = p;
                }
            }
        }
        if (only != NONE) {
            lists[0][0] = only;
            listLength[0] = 1;
        }
    }

    /**
     * The latest entry event whose chains reach the most required steps. For every step's event, the latest entry of
     * a chain that ends there is the latest entry of its possible predecessors: a later entry never narrows what the
     * window allows later on, so the maximum is all a later step needs.
     */
    private int longestEntry(int n, long[] keys, int[] masks, int first) {
        fillLists(first, n, masks, NONE);
        int[][] latest = values;
        int bestRank = 0;
        int bestEntry = NONE;
        for (int t = 0; t < k; t++) {
            int[] list = lists[t];
            int length = listLength[t];
            if (t == 0) {
                System.arraycopy(list, 0, latest[0], 0, length);
            } else {
                Arrays.fill(latest[t], 0, length, NONE);
                for (int s = previousRequired(t); s < t; s++) {
                    latestThrough(s, t, keys, latest);
                }
                for (int j = 0; j < length; j++) {
                    int start = latest[t][j];
                    if (start != NONE && keys[list[j]] > window.after(keys[start])) {
                        latest[t][j] = NONE;
                    }
                }
            }
            if (optional[t]) {
                continue;
            }
            for (int j = 0; j < length; j++) {
                int start = latest[t][j];
                if (start != NONE && (rank[t] > bestRank || (rank[t] == bestRank && start > bestEntry))) {
                    bestRank = rank[t];
                    bestEntry = start;
                }
            }
        }
        return bestEntry;
    }

    /** Raises each step-{@code t} event's latest entry to the latest of its step-{@code s} predecessors. */
    private void latestThrough(int s, int t, long[] keys, int[][] latest) {
        int[] from = lists[s];
        int fromLength = listLength[s];
        int[] to = lists[t];
        int toLength = listLength[t];
        if (order == FunnelOrder.STRICT) {
            int i = 0;
            for (int j = 0; j < toLength; j++) {
                int q = to[j];
                while (i < fromLength && from[i] < q - 1) {
                    i++;
                }
                if (i < fromLength && from[i] == q - 1 && gapAllows(t, keys[q - 1], keys[q])) {
                    latest[t][j] = Math.max(latest[t][j], latest[s][i]);
                }
            }
            return;
        }
        // predecessors of to[j]: from[i] < to[j], min gap reached (a prefix), max gap not passed (a suffix); both ends
        // move forward as j does, so a deque keeps the window's maximum
        int head = 0;
        int tail = 0;
        int end = 0;
        int begin = 0;
        for (int j = 0; j < toLength; j++) {
            int q = to[j];
            long key = keys[q];
            while (end < fromLength && from[end] < q && minGap[t].after(keys[from[end]]) <= key) {
                while (tail > head && latest[s][deque[tail - 1]] <= latest[s][end]) {
                    tail--;
                }
                deque[tail++] = end++;
            }
            while (begin < end && maxGap[t].after(keys[from[begin]]) < key) {
                begin++;
            }
            while (head < tail && deque[head] < begin) {
                head++;
            }
            if (head < tail) {
                latest[t][j] = Math.max(latest[t][j], latest[s][deque[head]]);
            }
        }
    }

    /** Fills {@code chain} with the chosen chain from the entry event at {@code start}. */
    private void chainFrom(int start, int n, long[] keys, int[] masks, int[] chain) {
        int end = windowEnd(start, n, keys);
        if (greedy) {
            greedyChain(start, end, keys, masks, chain);
            return;
        }
        fillLists(start, end, masks, start);
        int[][] further = values;
        // further[s][i]: the most required steps after step s that a chain through lists[s][i] still reaches
        for (int s = k - 1; s >= 0; s--) {
            int length = listLength[s];
            Arrays.fill(further[s], 0, length, optional[s] ? UNREACHABLE : 0);
            if (s == k - 1) {
                continue;
            }
            for (int t = s + 1; t < k; t++) {
                furtherThrough(s, t, keys, further);
                if (!optional[t]) {
                    break;
                }
            }
        }
        chain[0] = start;
        int need = further[0][0];
        int at = start;
        for (int t = 1; t < k && need > 0; t++) {
            int wanted = optional[t] ? need : need - 1;
            int found = firstSuccessor(at, t, keys, wanted, further);
            if (found != NONE) {
                chain[t] = lists[t][found];
                at = chain[t];
                need = wanted;
            }
        }
    }

    /**
     * The chosen chain when no step is optional and no gap has a maximum: each step takes the first event that may
     * follow the previous step's. No other choice reaches further (an earlier event leaves every later event that a
     * later one would allow, as only minimum gaps and the entry's window bound them), and it is the first chain in
     * the comparison order, so it is the chain the general search would choose.
     */
    private void greedyChain(int start, int end, long[] keys, int[] masks, int[] chain) {
        chain[0] = start;
        int at = start;
        for (int t = 1; t < k; t++) {
            long earliest = minGap[t].after(keys[at]);
            int last = order == FunnelOrder.STRICT ? Math.min(at + 2, end) : end;
            int found = NONE;
            for (int q = at + 1; q < last && found == NONE; q++) {
                found = (masks[q] & (1 << t)) != 0 && keys[q] >= earliest ? q : NONE;
            }
            if (found == NONE) {
                return;
            }
            chain[t] = found;
            at = found;
        }
    }

    /** Raises the step-{@code s} values by what continuing with step {@code t} reaches. */
    private void furtherThrough(int s, int t, long[] keys, int[][] further) {
        int gain = optional[t] ? 0 : 1;
        int[] from = lists[s];
        int fromLength = listLength[s];
        int[] to = lists[t];
        int toLength = listLength[t];
        if (order == FunnelOrder.STRICT) {
            int j = 0;
            for (int i = 0; i < fromLength; i++) {
                int p = from[i];
                while (j < toLength && to[j] < p + 1) {
                    j++;
                }
                if (j < toLength && to[j] == p + 1 && gapAllows(t, keys[p], keys[p + 1])) {
                    further[s][i] = Math.max(further[s][i], further[t][j] + gain);
                }
            }
            return;
        }
        // successors of from[i]: to[j] > from[i] with the min gap reached (a suffix) and the max gap not passed (a
        // prefix); both ends move forward as i does
        int head = 0;
        int tail = 0;
        int begin = 0;
        int end = 0;
        for (int i = 0; i < fromLength; i++) {
            int p = from[i];
            long earliest = minGap[t].after(keys[p]);
            long last = maxGap[t].after(keys[p]);
            while (end < toLength && keys[to[end]] <= last) {
                while (tail > head && further[t][deque[tail - 1]] <= further[t][end]) {
                    tail--;
                }
                deque[tail++] = end++;
            }
            while (begin < toLength && (to[begin] <= p || keys[to[begin]] < earliest)) {
                begin++;
            }
            while (head < tail && deque[head] < begin) {
                head++;
            }
            if (head < tail) {
                further[s][i] = Math.max(further[s][i], further[t][deque[head]] + gain);
            }
        }
    }

    /** The first step-{@code t} event (its index in the list) that may follow the event at {@code at} and still reach
     * {@code wanted} more required steps; -1 when there is none. */
    private int firstSuccessor(int at, int t, long[] keys, int wanted, int[][] further) {
        int[] list = lists[t];
        int length = listLength[t];
        long earliest = minGap[t].after(keys[at]);
        long last = maxGap[t].after(keys[at]);
        for (int j = 0; j < length; j++) {
            int q = list[j];
            if (q <= at || keys[q] < earliest) {
                continue;
            }
            if (keys[q] > last || (order == FunnelOrder.STRICT && q != at + 1)) {
                return NONE;
            }
            if (further[t][j] >= wanted) {
                return j;
            }
        }
        return NONE;
    }

    /** Unordered: the steps done from the chosen entry event, matched as the events come. */
    private boolean unordered(int n, long[] keys, int[] masks, int[] chain) {
        int first = NONE;
        for (int p = 0; p < n && first == NONE; p++) {
            first = masks[p] != 0 ? p : NONE;
        }
        if (first == NONE) {
            return false;
        }
        if (classOf.length < n) {
            classOf = new int[Math.max(n, classOf.length * 2)];
        }
        int start = entry == FunnelEntry.FIRST ? first : longestUnorderedEntry(n, keys, masks, first);
        matchFrom(start, n, keys, masks, chain);
        return true;
    }

    /**
     * The latest of the entry events whose windows can do the most steps. The entries are taken from the latest back,
     * the window's events kept in a {@link WindowMatching} as it slides: each event enters once and leaves once. The
     * steps a window can do with its entry event among them are as many as it can do at all: a matching grown event by
     * event from the entry keeps the entry matched and ends maximum.
     */
    private int longestUnorderedEntry(int n, long[] keys, int[] masks, int first) {
        windowMatching.reset(n, masks, classOf);
        int bestDone = 0;
        int bestStart = first;
        int lo = n;
        int end = n;
        for (int start = n - 1; start >= first && bestDone < k; start--) {
            if (masks[start] == 0) {
                continue;
            }
            while (lo > start) {
                lo--;
                if (classOf[lo] != NONE) {
                    windowMatching.add(classOf[lo]);
                }
            }
            long last = window.after(keys[start]);
            while (end > lo && keys[end - 1] > last) {
                end--;
                if (classOf[end] != NONE) {
                    windowMatching.remove(classOf[end]);
                }
            }
            if (windowMatching.size() > bestDone) {
                bestDone = windowMatching.size();
                bestStart = start;
            }
        }
        return bestStart;
    }

    /**
     * Fills {@code chain} with the events of the window from {@code start}, taken in order, at which one, two, ...
     * steps were first done: the same matching, grown event by event from the entry.
     */
    private void matchFrom(int start, int n, long[] keys, int[] masks, int[] chain) {
        Arrays.fill(chain, 0, k, NONE);
        windowMatching.reset(n, masks, classOf);
        int end = windowEnd(start, n, keys);
        int done = 0;
        for (int p = start; p < end && done < k; p++) {
            if (classOf[p] != NONE) {
                windowMatching.add(classOf[p]);
                if (windowMatching.size() > done) {
                    chain[done++] = p;
                }
            }
        }
    }
}
