package dev.lifecycle.examples;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One classifier service for all the tests of a class, on a free port, its clock fixed at {@link #CLOCK}: registered
 * as a static {@code @RegisterExtension} field, it starts before the class's first test and stops after its last.
 */
final class RunningService implements BeforeAllCallback, AfterAllCallback {
    /** The instant of the service's clock, which a request without {@code asOf} is classified at. */
    static final Instant CLOCK = Instant.parse("2026-06-01T00:00:00Z");

    private @Nullable ClassifierService service;

    @Override
    public void beforeAll(ExtensionContext context) {
        service = ClassifierService.start(0, Clock.fixed(CLOCK, ZoneOffset.UTC));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        requireNonNull(service, "the service started before the class's tests").close();
        service = null;
    }

    /** {@return the running service} */
    ClassifierService get() {
        return requireNonNull(service, "the service runs between the class's first and last test");
    }
}
