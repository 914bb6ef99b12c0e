package hearth.plugins.gamification.awarding;

import static hearth.plugins.gamification.awarding.Tables.DAY;
import static hearth.plugins.gamification.awarding.Tables.MEMBER_ID;

import hearth.api.PluginContext;
import hearth.api.events.MemberVisited;
import hearth.api.observe.ObservedRequest;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Journals a member's first page request of each day as {@link MemberVisited}, so days visited are counted from the
 * journal like everything else. Observers must not block: the write runs on a virtual thread, once per member and day
 * (remembered in memory, and made certain by the visits table's key).
 */
public final class Visits {

    private final PluginContext context;
    private final Tables t;
    private final Rules rules;
    private final Map<Long, LocalDate> seen = new ConcurrentHashMap<>();

    public Visits(PluginContext context, Tables tables, Rules rules) {
        this.context = context;
        this.t = tables;
        this.rules = rules;
    }

    public void observe(ObservedRequest request) {
        if (request.memberId().isEmpty() || request.status() >= 400 || !request.method().equals("GET")) {
            return;
        }
        long memberId = request.memberId().get();
        LocalDate day = LocalDate.ofInstant(request.at(), rules.zone());
        if (day.equals(seen.put(memberId, day))) {
            return;
        }
        Thread.ofVirtual().name("gamification-visit").start(() -> context.database().transaction(tx -> {
            if (!tx.sql().fetchExists(t.visits, MEMBER_ID.eq(memberId), DAY.eq(day))) {
                tx.sql().insertInto(t.visits).set(MEMBER_ID, memberId).set(DAY, day).execute();
                tx.record(new MemberVisited(memberId, day.toString()));
            }
            return null;
        }));
    }
}
