package hearth.plugins.volunteerroles.trust;

import java.util.List;

/**
 * A member's way to the next trust level, item by item, for their profile.
 *
 * @param level     their level now
 * @param levelName its name
 * @param next      the next level, or -1 when there is none to earn (level 3 keeps its requirements to stay; 4 and
 *                  locked levels are given by admins)
 * @param items     the next level's requirements with where the member stands
 * @param locked    whether admins locked the level
 */
public record Progress(int level, String levelName, int next, List<Item> items, boolean locked) {

    /**
     * One requirement.
     *
     * @param label  e.g. "days visited"
     * @param have   the member's count
     * @param needed the requirement (a maximum when {@code atMost})
     * @param atMost whether it is a limit not to exceed
     */
    public record Item(String label, int have, int needed, boolean atMost) {

        public boolean met() {
            return atMost ? have <= needed : have >= needed;
        }

        /** "you need 6 more days visited", "done", or for limits "at most 5 posts flagged (you have 7)". */
        public String advice() {
            if (met()) {
                return "done";
            }
            return atMost ? "at most " + needed + " " + label + " (you have " + have + ")"
                    : "you need " + (needed - have) + " more " + label;
        }
    }

    /** Works out the progress from the member's standing and activity. */
    public static Progress of(TrustLevels.Standing standing, Requirements requirements, Activity ever,
                              Activity window) {
        int level = standing.level();
        String name = TrustLevels.NAMES.get(level);
        if (standing.locked() || level >= 3) {
            int shown = level == 3 && !standing.locked() ? 3 : -1;
            return new Progress(level, name, shown, shown == 3 ? items(requirements, 3, window) : List.of(),
                    standing.locked());
        }
        int next = level + 1;
        return new Progress(level, name, next, items(requirements, next, next == 3 ? window : ever), false);
    }

    private static List<Item> items(Requirements requirements, int level, Activity counted) {
        return requirements.of(level).stream().map(r -> new Item(r.label(), counted.get(r.measure()),
                r.needed().get(), r.atMost())).toList();
    }
}
