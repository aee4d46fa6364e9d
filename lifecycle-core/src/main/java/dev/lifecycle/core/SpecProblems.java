package dev.lifecycle.core;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of plain data so that all of them are reported together. */
final class SpecProblems {
    private final List<SpecException.Problem> problems = new ArrayList<>();

    void add(String path, String message) {
        problems.add(new SpecException.Problem(path, message));
    }

    int size() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny(String subject) {
        if (!problems.isEmpty()) {
            throw new SpecException(subject, problems);
        }
    }
}
