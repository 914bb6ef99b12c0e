package hearth.server.profiles;

import static hearth.server.db.schema.tables.ProfileFieldValues.PROFILE_FIELD_VALUES;
import static hearth.server.db.schema.tables.ProfileFields.PROFILE_FIELDS;

import hearth.server.db.Tx;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Custom profile fields: the admins' definitions (add, change, reorder, delete) and members' answers. */
public final class CustomFields {

    public static final int MAX_FIELDS = 50;

    private final Clock clock;

    public CustomFields(Clock clock) {
        this.clock = clock;
    }

    /** Every field, in the admins' order. */
    public List<CustomField> all(DSLContext sql) {
        return sql.selectFrom(PROFILE_FIELDS).orderBy(PROFILE_FIELDS.POSITION, PROFILE_FIELDS.ID).fetch(CustomFields::field);
    }

    public CustomField find(DSLContext sql, long id) {
        return sql.selectFrom(PROFILE_FIELDS).where(PROFILE_FIELDS.ID.eq(id)).fetchOptional(CustomFields::field)
                .orElseThrow(() -> new NotFound("There is no such profile field; it may have been deleted."));
    }

    public CustomField add(Tx tx, FieldDefinition definition) {
        List<CustomField> existing = all(tx.sql());
        if (existing.size() >= MAX_FIELDS) {
            throw new InvalidInput("label", "A site has at most " + MAX_FIELDS + " profile fields.");
        }
        requireUniqueLabel(existing, definition.label(), -1);
        int position = existing.stream().mapToInt(CustomField::position).max().orElse(-1) + 1;
        long id = tx.sql().insertInto(PROFILE_FIELDS)
                .set(PROFILE_FIELDS.LABEL, definition.label())
                .set(PROFILE_FIELDS.KIND, definition.kind().key())
                .set(PROFILE_FIELDS.SELECT_OPTIONS, options(definition.kind(), definition.options()))
                .set(PROFILE_FIELDS.VISIBILITY, definition.visibility().key())
                .set(PROFILE_FIELDS.POSITION, position)
                .set(PROFILE_FIELDS.CREATED_AT, clock.instant())
                .returning(PROFILE_FIELDS.ID)
                .fetchSingle(PROFILE_FIELDS.ID);
        return find(tx.sql(), id);
    }

    /**
     * Changes a field's label, visibility and (for a select) options; its kind stays. Answers that are no longer one
     * of a select's options are removed.
     */
    public CustomField update(Tx tx, long id, FieldDefinition definition) {
        CustomField field = find(tx.sql(), id);
        requireUniqueLabel(all(tx.sql()), definition.label(), id);
        if (field.kind() == FieldKind.SELECT && definition.options().isEmpty()) {
            throw new InvalidInput("options", FieldDefinition.NO_OPTIONS);
        }
        tx.sql().update(PROFILE_FIELDS)
                .set(PROFILE_FIELDS.LABEL, definition.label())
                .set(PROFILE_FIELDS.SELECT_OPTIONS, options(field.kind(), definition.options()))
                .set(PROFILE_FIELDS.VISIBILITY, definition.visibility().key())
                .where(PROFILE_FIELDS.ID.eq(id))
                .execute();
        if (field.kind() == FieldKind.SELECT) {
            tx.sql().deleteFrom(PROFILE_FIELD_VALUES)
                    .where(PROFILE_FIELD_VALUES.FIELD_ID.eq(id), PROFILE_FIELD_VALUES.FIELD_VALUE.notIn(definition.options()))
                    .execute();
        }
        return find(tx.sql(), id);
    }

    /** Moves a field one place up (earlier) or down; at either end it stays. Positions are renumbered 0..n-1. */
    public void move(Tx tx, long id, boolean up) {
        find(tx.sql(), id);
        List<CustomField> fields = new ArrayList<>(all(tx.sql()));
        int index = fields.stream().map(CustomField::id).toList().indexOf(id);
        int other = up ? index - 1 : index + 1;
        if (other >= 0 && other < fields.size()) {
            fields.set(index, fields.set(other, fields.get(index)));
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).position() != i) {
                tx.sql().update(PROFILE_FIELDS).set(PROFILE_FIELDS.POSITION, i)
                        .where(PROFILE_FIELDS.ID.eq(fields.get(i).id())).execute();
            }
        }
    }

    /** Deletes a field and every member's answer to it. */
    public void delete(Tx tx, long id) {
        find(tx.sql(), id);
        tx.sql().deleteFrom(PROFILE_FIELD_VALUES).where(PROFILE_FIELD_VALUES.FIELD_ID.eq(id)).execute();
        tx.sql().deleteFrom(PROFILE_FIELDS).where(PROFILE_FIELDS.ID.eq(id)).execute();
    }

    /** A member's answers by field id. */
    public Map<Long, String> values(DSLContext sql, long memberId) {
        Map<Long, String> values = new HashMap<>();
        sql.select(PROFILE_FIELD_VALUES.FIELD_ID, PROFILE_FIELD_VALUES.FIELD_VALUE).from(PROFILE_FIELD_VALUES)
                .where(PROFILE_FIELD_VALUES.MEMBER_ID.eq(memberId))
                .forEach(r -> values.put(r.value1(), r.value2()));
        return values;
    }

    /** Why some of a member's answers (field id to answer) are not acceptable, under each field's input name. */
    public Map<String, String> problems(DSLContext sql, Map<Long, String> answers) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (answers.isEmpty()) {
            return errors;
        }
        List<CustomField> fields = all(sql);
        for (CustomField field : fields) { // in the form's order
            if (answers.containsKey(field.id())) {
                field.problem(answers.get(field.id())).ifPresent(m -> errors.put(field.inputName(), m));
            }
        }
        answers.keySet().stream().filter(id -> fields.stream().noneMatch(f -> f.id() == id)).sorted()
                .forEach(id -> errors.put(CustomField.inputName(id), "There is no such profile field; it may have "
                        + "been deleted."));
        return errors;
    }

    /** Stores answers already checked by {@link #problems}; an empty answer clears one, fields not named keep theirs. */
    public void store(Tx tx, long memberId, Map<Long, String> answers) {
        answers.forEach((id, value) -> store(tx, memberId, id, value));
    }

    private void store(Tx tx, long memberId, long fieldId, String value) {
        if (value.isEmpty()) {
            tx.sql().deleteFrom(PROFILE_FIELD_VALUES)
                    .where(PROFILE_FIELD_VALUES.MEMBER_ID.eq(memberId), PROFILE_FIELD_VALUES.FIELD_ID.eq(fieldId))
                    .execute();
            return;
        }
        int updated = tx.sql().update(PROFILE_FIELD_VALUES)
                .set(PROFILE_FIELD_VALUES.FIELD_VALUE, value)
                .set(PROFILE_FIELD_VALUES.UPDATED_AT, clock.instant())
                .where(PROFILE_FIELD_VALUES.MEMBER_ID.eq(memberId), PROFILE_FIELD_VALUES.FIELD_ID.eq(fieldId))
                .execute();
        if (updated == 0) {
            tx.sql().insertInto(PROFILE_FIELD_VALUES)
                    .set(PROFILE_FIELD_VALUES.MEMBER_ID, memberId)
                    .set(PROFILE_FIELD_VALUES.FIELD_ID, fieldId)
                    .set(PROFILE_FIELD_VALUES.FIELD_VALUE, value)
                    .set(PROFILE_FIELD_VALUES.UPDATED_AT, clock.instant())
                    .execute();
        }
    }

    private static void requireUniqueLabel(List<CustomField> fields, String label, long except) {
        String key = label.toLowerCase(Locale.ROOT);
        if (fields.stream().anyMatch(f -> f.id() != except && f.label().toLowerCase(Locale.ROOT).equals(key))) {
            throw new InvalidInput("label", "There is already a field with that label.");
        }
    }

    private static String options(FieldKind kind, List<String> options) {
        return kind == FieldKind.SELECT ? String.join("\n", options) : null;
    }

    private static CustomField field(Record r) {
        String options = r.get(PROFILE_FIELDS.SELECT_OPTIONS);
        return new CustomField(r.get(PROFILE_FIELDS.ID), r.get(PROFILE_FIELDS.LABEL),
                FieldKind.parse(r.get(PROFILE_FIELDS.KIND)).orElse(FieldKind.TEXT),
                options == null || options.isEmpty() ? List.of() : Arrays.asList(options.split("\n")),
                FieldVisibility.parse(r.get(PROFILE_FIELDS.VISIBILITY)).orElse(FieldVisibility.STAFF),
                r.get(PROFILE_FIELDS.POSITION));
    }
}
