package hearth.plugins.gamification.standings;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Members' standings in memory, for the profile and post-author slots (which must not touch the database): filled at
 * start-up and refreshed for the members awarding or admins just changed; after a replay, for everyone.
 */
public final class Cards {

    private final Standings standings;
    private volatile Map<Long, Standings.Standing> cards = new ConcurrentHashMap<>();

    public Cards(Standings standings) {
        this.standings = standings;
    }

    public void reload() {
        cards = new ConcurrentHashMap<>(standings.everyone());
    }

    /** Refreshes these members (blocking); an empty set means everyone. */
    public void refresh(Set<Long> members) {
        if (members.isEmpty()) {
            reload();
            return;
        }
        members.forEach(id -> cards.put(id, standings.of(id)));
    }

    /** The member's card if they have points or badges; no database read. */
    public Optional<Standings.Standing> cached(long memberId) {
        return Optional.ofNullable(cards.get(memberId));
    }
}
