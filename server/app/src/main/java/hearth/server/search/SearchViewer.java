package hearth.server.search;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.access.Role;
import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Who searches, as a search provider sees them ({@link MemberView}), so it can leave out what they may not see.
 * The role is the one the request acts with (an API key may act with less than the member's own).
 */
final class SearchViewer {

    private final Database db;

    SearchViewer(Database db) {
        this.db = db;
    }

    Future<Optional<MemberView>> of(RoutingContext ctx) {
        Optional<Viewer> signedIn = Viewer.of(ctx);
        if (signedIn.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        Viewer viewer = signedIn.get();
        // The session knows everything but the join date; one primary-key read.
        return db.read(sql -> sql.select(MEMBERS.CREATED_AT).from(MEMBERS).where(MEMBERS.ID.eq(viewer.memberId()))
                        .fetchOptional(MEMBERS.CREATED_AT).orElse(null))
                .map(joinedAt -> Optional.of(new MemberView(viewer.memberId(), viewer.username(),
                        viewer.displayName(), Role.valueOf(viewer.role().name()), viewer.silenced(), joinedAt)));
    }
}
