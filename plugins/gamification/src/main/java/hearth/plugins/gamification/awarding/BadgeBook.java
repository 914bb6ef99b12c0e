package hearth.plugins.gamification.awarding;

import hearth.api.PluginContext;
import hearth.api.data.Columns;
import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Every badge there is: the built-in set and those admins defined from the rule form (held in memory). */
public final class BadgeBook {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");
    static final Field<String> BADGE = Columns.text("badge");
    private static final Field<String> NAME = Columns.text("name");
    private static final Field<String> DESCRIPTION = Columns.text("description");
    private static final Field<String> TIER = Columns.text("tier");
    private static final Field<String> MEASURE = Columns.text("measure");
    private static final Field<Integer> THRESHOLD = Columns.number("threshold");
    private static final Field<Long> CATEGORY_ID = Columns.id("category_id");
    private static final Field<Integer> WINDOW_DAYS = Columns.number("window_days");
    private static final Field<Instant> CREATED_AT = Columns.instant("created_at");

    private final PluginContext context;
    private final Table<Record> table;
    private volatile List<BadgeRule> all = BadgeRule.BUILT_IN;

    public BadgeBook(PluginContext context) {
        this.context = context;
        this.table = DSL.table(DSL.name(context.database().table("badge_rules")));
    }

    /** Reads the admins' badges (blocking). */
    public void reload() {
        List<BadgeRule> fresh = new ArrayList<>(BadgeRule.BUILT_IN);
        fresh.addAll(context.database().read(sql -> sql.select(BADGE, NAME, DESCRIPTION, TIER, MEASURE, THRESHOLD,
                CATEGORY_ID, WINDOW_DAYS).from(table).orderBy(BADGE).fetch(r -> new BadgeRule(r.value1(), r.value2(),
                r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(), false))));
        all = List.copyOf(fresh);
    }

    /** Built-in badges first, then the admins' by key: the order badges are checked and listed in. */
    public List<BadgeRule> all() {
        return all;
    }

    public Optional<BadgeRule> find(String key) {
        return all.stream().filter(b -> b.key().equals(key)).findFirst();
    }

    public BadgeRule require(String key) {
        return find(key).orElseThrow(() -> new NotFound("There is no such badge."));
    }

    /** Defines a badge from the rule form (blocking); it is checked from the next action on, and by a replay. */
    public BadgeRule define(BadgeRule draft) {
        BadgeRule rule = validate(draft);
        if (find(rule.key()).isPresent()) {
            throw new Conflict("There is already a badge with the key " + rule.key() + ".");
        }
        context.database().write(sql -> sql.insertInto(table).set(BADGE, rule.key()).set(NAME, rule.name())
                .set(DESCRIPTION, rule.description()).set(TIER, rule.tier()).set(MEASURE, rule.measure())
                .set(THRESHOLD, rule.threshold()).set(CATEGORY_ID, rule.categoryId())
                .set(WINDOW_DAYS, rule.windowDays()).set(CREATED_AT, context.clock().instant()).execute());
        reload();
        return rule;
    }

    private BadgeRule validate(BadgeRule draft) {
        if (!KEY.matcher(draft.key()).matches()) {
            throw new InvalidInput("key", "Give a key of 2 to 40 lower-case letters, digits and dashes, e.g. "
                    + "helpful-10.");
        }
        if (draft.name().isBlank() || draft.name().length() > 80) {
            throw new InvalidInput("name", "Give the badge a name of up to 80 characters.");
        }
        if (draft.description().length() > 300) {
            throw new InvalidInput("description", "Keep the description under 300 characters.");
        }
        if (!BadgeRule.TIERS.contains(draft.tier())) {
            throw new InvalidInput("tier", "Choose bronze, silver or gold.");
        }
        if (!measures().contains(draft.measure())) {
            throw new InvalidInput("measure", "Choose what the badge counts from the list.");
        }
        if (draft.threshold() < 1 || draft.threshold() > 1_000_000) {
            throw new InvalidInput("threshold", "Give a count from 1 to 1000000.");
        }
        if (draft.windowDays() < 0 || draft.windowDays() > 3650) {
            throw new InvalidInput("windowDays", "Give a time window from 0 (all time) to 3650 days.");
        }
        if (draft.categoryId() != 0
                && context.topics().categories().stream().noneMatch(c -> c.id() == draft.categoryId())) {
            throw new InvalidInput("category", "There is no such category.");
        }
        return new BadgeRule(draft.key(), draft.name().strip(), draft.description().strip(), draft.tier(),
                draft.measure(), draft.threshold(), draft.categoryId(), draft.windowDays(), false);
    }

    /** What a badge rule can count. */
    public static List<String> measures() {
        List<String> measures = new ArrayList<>();
        measures.add(BadgeRule.POST);
        for (Action action : Action.values()) {
            measures.add(action.key());
        }
        measures.add(BadgeRule.STREAK);
        return measures;
    }
}
