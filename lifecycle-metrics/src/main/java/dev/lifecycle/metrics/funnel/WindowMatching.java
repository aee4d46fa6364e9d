package dev.lifecycle.metrics.funnel;

import java.util.Arrays;

/**
 * The most steps of an unordered funnel that the events in a sliding window can do, each event making at most one
 * step: a maximum matching between steps and events, kept as events enter and leave the window, for {@link
 * ChainSearch}'s choice of the longest entry. Events with the same mask of steps are alike, so the matching is between
 * steps and <em>classes</em> of events (one per distinct mask), a class able to take as many steps as it has events in
 * the window. An event entering or leaving changes the maximum by at most one, so each change takes at most one
 * search for an augmenting path: time linear in the steps times the classes per change, whatever the window's size.
 * Not thread-safe; reused from customer to customer.
 */
final class WindowMatching {
    private static final int NONE = -1;

    private final int k;
    /** The class each step is matched to, or -1. */
    private final int[] classOfStep;

    private final boolean[] visited;
    private int classes;
    private int[] maskOfClass = new int[16];
    /** Per class: its events in the window. */
    private int[] events = new int[16];
    /** Per class: the steps matched to it, at most its events. */
    private int[] taken = new int[16];

    private int size;

    WindowMatching(int steps) {
        this.k = steps;
        this.classOfStep = new int[steps];
        this.visited = new boolean[steps];
    }

    /**
     * Starts a customer: {@code classOf[p]} receives the class of each event with a mask, -1 for the others.
     *
     * @param n the number of events
     * @param masks the steps each event matches
     * @param classOf receives each event's class
     */
    void reset(int n, int[] masks, int[] classOf) {
        classes = 0;
        size = 0;
        Arrays.fill(classOfStep, NONE);
        for (int p = 0; p < n; p++) {
            int mask = masks[p];
            if (mask == 0) {
                classOf[p] = NONE;
                continue;
            }
            int c = 0;
            while (c < classes && maskOfClass[c] != mask) {
                c++;
            }
            if (c == classes) {
                if (classes == maskOfClass.length) {
                    maskOfClass = Arrays.copyOf(maskOfClass, classes * 2);
                    events = Arrays.copyOf(events, classes * 2);
                    taken = Arrays.copyOf(taken, classes * 2);
                }
                maskOfClass[c] = mask;
                events[c] = 0;
                taken[c] = 0;
                classes++;
            }
            classOf[p] = c;
        }
    }

    /** {@return the steps the events in the window can do} */
    int size() {
        return size;
    }

    /** An event of class {@code c} enters the window. */
    void add(int c) {
        events[c]++;
        if (size < k && augment()) {
            size++;
        }
    }

    /** An event of class {@code c} leaves the window. */
    void remove(int c) {
        events[c]--;
        if (taken[c] > events[c]) {
            // one step too many on this class: let one go, then look for another way to do as many
            for (int s = 0; s < k; s++) {
                if (classOfStep[s] == c) {
                    classOfStep[s] = NONE;
                    taken[c]--;
                    size--;
                    break;
                }
            }
            if (augment()) {
                size++;
            }
        }
    }

    /** Finds an augmenting path from an unmatched step to a class with room, and takes it. */
    private boolean augment() {
        Arrays.fill(visited, false);
        for (int s = 0; s < k; s++) {
            if (classOfStep[s] == NONE && reach(s)) {
                return true;
            }
        }
        return false;
    }

    /** Depth first from step {@code s}: a class with room, or one whose other step can move elsewhere. */
    private boolean reach(int s) {
        visited[s] = true;
        for (int c = 0; c < classes; c++) {
            if ((maskOfClass[c] & (1 << s)) == 0 || events[c] == 0) {
                continue;
            }
            if (taken[c] < events[c]) {
                take(s, c);
                return true;
            }
            for (int t = 0; t < k; t++) {
                if (classOfStep[t] == c && !visited[t] && reach(t)) {
                    // t moved to another class, which freed its place on c for s
                    take(s, c);
                    return true;
                }
            }
        }
        return false;
    }

    private void take(int s, int c) {
        if (classOfStep[s] != NONE) {
            taken[classOfStep[s]]--;
        }
        classOfStep[s] = c;
        taken[c]++;
    }
}
