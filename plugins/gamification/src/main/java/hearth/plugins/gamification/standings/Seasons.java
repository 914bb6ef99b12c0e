package hearth.plugins.gamification.standings;

import static hearth.plugins.gamification.awarding.Tables.*;

import hearth.api.PluginContext;
import hearth.api.errors.InvalidInput;
import hearth.plugins.gamification.awarding.Rules;
import hearth.plugins.gamification.awarding.Tables;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Seasons: starting one resets the season leaderboard to zero from today on. Nothing is deleted: the ledger, the
 * all-time totals, levels and badges stay, and earlier seasons can still be seen as date ranges.
 */
public final class Seasons {

    /** A season: from its first day until the next one starts. */
    public record Season(long id, String name, LocalDate startsOn) {
    }

    private final PluginContext context;
    private final Tables t;
    private final Rules rules;

    public Seasons(PluginContext context, Tables tables, Rules rules) {
        this.context = context;
        this.t = tables;
        this.rules = rules;
    }

    /** Starts a season today (blocking). */
    public Season start(String name, long adminId) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 80) {
            throw new InvalidInput("name", "Give the season a name of up to 80 characters.");
        }
        LocalDate today = LocalDate.ofInstant(context.clock().instant(), rules.zone());
        context.database().write(sql -> sql.insertInto(t.seasons).set(NAME, clean).set(STARTS_ON, today)
                .set(STARTED_AT, context.clock().instant()).set(BY_MEMBER_ID, adminId).execute());
        return current().orElseThrow();
    }

    /** The latest season, if one was started. */
    public Optional<Season> current() {
        return all().stream().findFirst();
    }

    /** Every season, latest first. */
    public List<Season> all() {
        return context.database().read(sql -> sql.select(ID, NAME, STARTS_ON).from(t.seasons)
                .orderBy(ID.desc()).fetch(r -> new Season(r.value1(), r.value2(), r.value3())));
    }
}
