package dev.lifecycle.core;

/**
 * Reacts to stage changes: sends the welcome-back email, offers the loyalty programme, starts a win-back campaign.
 *
 * <p>A {@link LifecycleTracker} calls its listeners on the thread that fed the event (or advanced the tracker), in
 * order per customer, while it holds its lock: keep listeners quick, or hand the work to a queue. A listener that
 * throws does not disturb the tracker; the failure is counted and passed to the tracker's failure handler.
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
