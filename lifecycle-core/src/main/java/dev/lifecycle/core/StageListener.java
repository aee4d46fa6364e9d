package dev.lifecycle.core;

/**
 * Reacts to stage changes: sends the welcome-back email, offers the loyalty programme, starts a win-back campaign.
 *
 * <p>A {@link LifecycleTracker} calls its listeners on the thread that fed the event (or advanced the tracker), in the
 * order the transitions happened, while it holds its lock: keep listeners quick, or hand the work to a queue. The
 * tracker has committed the transition (and the event that caused it) before it calls any listener.
 *
 * <p>A listener may call back into the tracker on the same thread. Reads and {@link
 * LifecycleTracker#exportState(Appendable)} see the state including the transition being notified. A nested {@link
 * LifecycleTracker#accept(CustomerEvent)} or {@link LifecycleTracker#advanceTo(java.time.Instant)} applies at once and
 * returns its real outcome; the transitions it causes are delivered after the ones already waiting, by the outermost
 * call, never recursively. A listener that throws does not disturb the tracker: the event stays applied, the failure is
 * counted and passed to the tracker's failure handler, and the remaining listeners and notifications are still called.
 */
@FunctionalInterface
public interface StageListener {

    /**
     * Receives one stage change.
     *
     * @param transition the change
     */
    void onTransition(StageTransition transition);
}
