package hearth.plugins.gamification.awarding;

import hearth.api.settings.Setting;
import hearth.api.settings.SettingsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Levels from points, named by admins in one setting: "points name" pairs separated by commas, lowest first, starting
 * at 0 (e.g. {@code 0 Newcomer, 50 Regular}). A value that does not read that way falls back to the default.
 */
public final class Levels {

    /** One level: its number (0 for the first), the points it starts at and its name. */
    public record Level(int number, long from, String name) {
    }

    static final String DEFAULT = "0 Newcomer, 25 Member, 100 Regular, 400 Pillar, 1500 Legend";

    private final Setting<String> setting;
    private volatile String parsedFrom;
    private volatile List<Level> parsed;

    public Levels(SettingsBuilder settings) {
        setting = settings.text("levels", "Levels: points and name, lowest first, e.g. 0 Newcomer, 25 Member",
                DEFAULT, 500);
    }

    public List<Level> all() {
        String raw = setting.get();
        if (!raw.equals(parsedFrom)) {
            parsed = parse(raw).orElse(parse(DEFAULT).orElseThrow());
            parsedFrom = raw;
        }
        return parsed;
    }

    /** The level a member with {@code points} is at. */
    public Level of(long points) {
        Level reached = all().getFirst();
        for (Level level : all()) {
            if (points >= level.from()) {
                reached = level;
            }
        }
        return reached;
    }

    /** The level after {@code level}, if there is one. */
    public Optional<Level> next(Level level) {
        List<Level> levels = all();
        return level.number() + 1 < levels.size() ? Optional.of(levels.get(level.number() + 1))
                : Optional.empty();
    }

    static Optional<List<Level>> parse(String raw) {
        List<Level> levels = new ArrayList<>();
        for (String part : raw.split(",")) {
            String[] words = part.strip().split("\\s+", 2);
            if (words.length < 2) {
                return Optional.empty();
            }
            try {
                long from = Long.parseLong(words[0]);
                if (levels.isEmpty() ? from != 0 : from <= levels.getLast().from()) {
                    return Optional.empty();
                }
                levels.add(new Level(levels.size(), from, words[1].strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(levels));
    }
}
