package dev.lifecycle.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the problems of plain data so that all of them are reported together. */
final class SpecProblems {
    private final List<SpecException.Problem> problems = new ArrayList<>();

    void add(String path, String message) {
        problems.add(new SpecException.Problem(path, message));
    }

    /** Records the message of a check that rejected a value, or the exception itself when it has no message. */
    void add(String path, IllegalArgumentException rejection) {
        add(path, Objects.toString(rejection.getMessage(), rejection.toString()));
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
