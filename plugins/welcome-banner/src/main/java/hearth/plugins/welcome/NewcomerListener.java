package hearth.plugins.welcome;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.MemberDeleted;
import hearth.api.events.MemberJoined;
import hearth.api.views.Members;

/**
 * Keeps the newcomers list in step with the journal: a member who joins is listed, a member who deletes their account
 * is forgotten (the list holds their names, which must go with the account).
 *
 * <p>Delivery is at least once and a re-enabled plugin catches up on what it missed, so both steps are idempotent:
 * adding a listed member and removing an unlisted one change nothing.
 */
final class NewcomerListener implements EventListener {

    private final Members members;
    private final Newcomers newcomers;

    NewcomerListener(Members members, Newcomers newcomers) {
        this.members = members;
        this.newcomers = newcomers;
    }

    @Override
    public void on(JournalEntry entry) {
        switch (entry.event()) {
            // The names come from the member's current record: when catching up, an account deleted since is not
            // found, and is rightly not listed.
            case MemberJoined joined -> members.byId(joined.memberId()).ifPresent(member -> newcomers.add(
                    new Newcomer(member.id(), member.username(), member.displayName(), entry.recordedAt())));
            case MemberDeleted deleted -> newcomers.remove(deleted.memberId());
            default -> {
                // Other events are not about newcomers.
            }
        }
    }
}
