package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.events.CategoryChanged;
import hearth.api.events.CategoryDeleted;
import hearth.server.db.Tx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What admins do with categories: create, edit, reorder, delete (moving the topics elsewhere first). Categories nest
 * one level: a parent is a top-level category, and a category with children stays top-level. Each change records
 * an event and reloads the in-memory audiences after commit.
 */
public final class Categories {

    /** A category as the admin pages and the API show it. */
    public record Category(long id, long parentId, String slug, String name, String description, String color,
                           int position, Audience see, Audience startTopic, Audience reply, int topics,
                           boolean child) {
    }

    private final Clock clock;
    private final CategoryGrants grants;

    public Categories(Clock clock, CategoryGrants grants) {
        this.clock = clock;
        this.grants = grants;
    }

    /** Every category: each top-level one followed by its children, in position order. */
    public List<Category> all(DSLContext sql) {
        var topicCount = DSL.field(DSL.selectCount().from(TOPICS).where(TOPICS.CATEGORY_ID.eq(CATEGORIES.ID)));
        List<Category> flat = sql.select(CATEGORIES.ID, CATEGORIES.PARENT_ID, CATEGORIES.SLUG, CATEGORIES.NAME,
                        CATEGORIES.DESCRIPTION, CATEGORIES.COLOR, CATEGORIES.POSITION, CATEGORIES.SEE_LEVEL,
                        CATEGORIES.START_TOPIC_LEVEL, CATEGORIES.REPLY_LEVEL, topicCount)
                .from(CATEGORIES).orderBy(CATEGORIES.POSITION, CATEGORIES.ID)
                .fetch(r -> new Category(r.value1(), r.value2() == null ? 0 : r.value2(), r.value3(), r.value4(),
                        r.value5(), r.value6(), r.value7(), Audience.parse(r.value8(), "see"),
                        Audience.parse(r.value9(), "startTopic"), Audience.parse(r.value10(), "reply"),
                        r.value11(), r.value2() != null));
        List<Category> tree = new ArrayList<>();
        for (Category top : flat) {
            if (top.parentId() == 0) {
                tree.add(top);
                flat.stream().filter(c -> c.parentId() == top.id()).forEach(tree::add);
            }
        }
        return tree;
    }

    public Category find(DSLContext sql, long id) {
        return all(sql).stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new NotFound("There is no such category."));
    }

    public long create(Tx tx, CategoryForm form) {
        checkParent(tx.sql(), 0, form.parentId());
        String slug = freeSlug(tx.sql(), Discussions.slug(form.name()), 0);
        Integer last = tx.sql().select(DSL.max(CATEGORIES.POSITION)).from(CATEGORIES).fetchSingle().value1();
        long id = tx.sql().insertInto(CATEGORIES)
                .set(CATEGORIES.SLUG, slug)
                .set(CATEGORIES.NAME, form.name())
                .set(CATEGORIES.DESCRIPTION, form.description())
                .set(CATEGORIES.COLOR, form.color())
                .set(CATEGORIES.PARENT_ID, form.parentId() == 0 ? null : form.parentId())
                .set(CATEGORIES.POSITION, last == null ? 0 : last + 1)
                .set(CATEGORIES.SEE_LEVEL, form.see().key())
                .set(CATEGORIES.START_TOPIC_LEVEL, form.startTopic().key())
                .set(CATEGORIES.REPLY_LEVEL, form.reply().key())
                .set(CATEGORIES.CREATED_AT, clock.instant())
                .returning(CATEGORIES.ID)
                .fetchSingle(CATEGORIES.ID);
        tx.record(new CategoryChanged(id, form.name(), true));
        tx.afterCommit(grants::reload);
        return id;
    }

    public void update(Tx tx, long id, CategoryForm form) {
        find(tx.sql(), id);
        checkParent(tx.sql(), id, form.parentId());
        tx.sql().update(CATEGORIES)
                .set(CATEGORIES.NAME, form.name())
                .set(CATEGORIES.DESCRIPTION, form.description())
                .set(CATEGORIES.COLOR, form.color())
                .set(CATEGORIES.PARENT_ID, form.parentId() == 0 ? null : form.parentId())
                .set(CATEGORIES.SEE_LEVEL, form.see().key())
                .set(CATEGORIES.START_TOPIC_LEVEL, form.startTopic().key())
                .set(CATEGORIES.REPLY_LEVEL, form.reply().key())
                .where(CATEGORIES.ID.eq(id))
                .execute();
        tx.record(new CategoryChanged(id, form.name(), false));
        tx.afterCommit(grants::reload);
    }

    /** Swaps a category with its neighbour among its siblings ({@code up}: towards the top). */
    public void move(Tx tx, long id, boolean up) {
        Category category = find(tx.sql(), id);
        List<Category> siblings = all(tx.sql()).stream().filter(c -> c.parentId() == category.parentId()).toList();
        int at = siblings.indexOf(category);
        int other = up ? at - 1 : at + 1;
        if (other < 0 || other >= siblings.size()) {
            return; // already first or last
        }
        List<Category> reordered = new ArrayList<>(siblings);
        reordered.set(at, siblings.get(other));
        reordered.set(other, category);
        for (int i = 0; i < reordered.size(); i++) {
            tx.sql().update(CATEGORIES).set(CATEGORIES.POSITION, i).where(CATEGORIES.ID.eq(reordered.get(i).id()))
                    .execute();
        }
        tx.record(new CategoryChanged(id, category.name(), false));
    }

    /**
     * Deletes a category. One with subcategories is refused; one with topics is refused unless {@code moveTo} names
     * another category to take them.
     */
    public void delete(Tx tx, long id, Optional<Long> moveTo) {
        Category category = find(tx.sql(), id);
        if (tx.sql().fetchExists(CATEGORIES, CATEGORIES.PARENT_ID.eq(id))) {
            throw new Conflict("Category " + category.name() + " has subcategories: move or delete them first.");
        }
        int moved = 0;
        if (category.topics() > 0) {
            long target = moveTo.orElseThrow(() -> new InvalidInput("moveTo", "Category " + category.name()
                    + " has " + category.topics() + " topic(s): choose a category to move them to."));
            if (target == id) {
                throw new InvalidInput("moveTo", "Choose another category to move the topics to.");
            }
            find(tx.sql(), target);
            moved = tx.sql().update(TOPICS).set(TOPICS.CATEGORY_ID, target).where(TOPICS.CATEGORY_ID.eq(id)).execute();
            // Events follow their discussion topics.
            tx.sql().update(EVENTS).set(EVENTS.CATEGORY_ID, target).where(EVENTS.CATEGORY_ID.eq(id)).execute();
        }
        tx.sql().deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(id)).execute();
        tx.record(new CategoryDeleted(id, moved > 0 ? moveTo.orElse(0L) : 0, moved));
        tx.afterCommit(grants::reload);
    }

    private void checkParent(DSLContext sql, long id, long parentId) {
        if (parentId == 0) {
            return;
        }
        if (parentId == id) {
            throw new InvalidInput("parentId", "A category cannot be its own parent.");
        }
        Category parent = all(sql).stream().filter(c -> c.id() == parentId).findFirst()
                .orElseThrow(() -> new InvalidInput("parentId", "Choose a parent category from the list, or none."));
        if (parent.parentId() != 0) {
            throw new InvalidInput("parentId", "Categories nest one level: choose a top-level parent.");
        }
        if (id != 0 && sql.fetchExists(CATEGORIES, CATEGORIES.PARENT_ID.eq(id))) {
            throw new InvalidInput("parentId", "This category has subcategories, so it stays at the top level.");
        }
    }

    private static String freeSlug(DSLContext sql, String wanted, long id) {
        String slug = wanted;
        for (int n = 2; sql.fetchExists(CATEGORIES, CATEGORIES.SLUG.eq(slug), CATEGORIES.ID.ne(id)); n++) {
            slug = wanted + "-" + n;
        }
        return slug;
    }
}
