package hearth.api.tasks;

/**
 * Work that runs at an interval (e.g. a nightly roll-up). Each run happens on one node of the site only, on a
 * virtual thread, so it may block. A run that throws is contained and logged; the next run comes at the next interval.
 */
@FunctionalInterface
public interface ScheduledTask {

    /** One run. */
    void run() throws Exception;
}
