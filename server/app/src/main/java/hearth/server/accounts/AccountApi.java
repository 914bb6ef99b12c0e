package hearth.server.accounts;

import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.api.errors.NotFound;
import hearth.server.web.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The accounts API under {@code /api/v1}: the same rules and services as the pages, in JSON. Browser-style clients
 * authenticate with the session cookie and send the CSRF token as {@code X-CSRF-Token}.
 */
public final class AccountApi implements Routes {

    private final Accounts accounts;
    private final Sessions sessions;
    private final Authentication authentication;
    private final Database db;
    private final PostingRights postingRights;

    public AccountApi(Accounts accounts, Sessions sessions, Authentication authentication, Database db,
                      PostingRights postingRights) {
        this.postingRights = postingRights;
        this.accounts = accounts;
        this.sessions = sessions;
        this.authentication = authentication;
        this.db = db;
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/members").handler(this::signUp);
        router.post("/api/v1/session").handler(this::logIn);
        router.delete("/api/v1/session").handler(this::logOut);
        router.get("/api/v1/me").handler(ctx -> {
            Viewer viewer = Viewer.required(ctx);
            JsonObject me = member(viewer);
            Optional<String> whyNot = postingRights.whyNot(viewer);
            me.put("mayPost", whyNot.isEmpty());
            whyNot.ifPresent(reason -> me.put("mayNotPostBecause", reason));
            Json.send(ctx, 200, me);
        });
        router.get("/api/v1/me/sessions").handler(this::listSessions);
        router.delete("/api/v1/me/sessions/:id").handler(this::revoke);
        router.delete("/api/v1/me/sessions").handler(this::revokeAll);
    }

    private void signUp(RoutingContext ctx) {
        JsonObject body = Json.body(ctx);
        Accounts.SignUp form = new Accounts.SignUp(Json.string(body, "username"), Json.string(body, "email"),
                Json.string(body, "password"), Boolean.TRUE.equals(body.getValue("acceptTerms")),
                Json.string(body, "invite"));
        accounts.signUp(form, AccountPages.userAgent(ctx), AccountPages.ip(ctx))
                .onSuccess(session -> {
                    session.ifPresent(started -> authentication.set(ctx, started));
                    // 202: the account exists but waits for a moderator's approval before it may log in.
                    Json.send(ctx, session.isPresent() ? 201 : 202, new JsonObject()
                            .put("username", form.username().strip()).put("pending", session.isEmpty()));
                })
                .onFailure(ctx::fail);
    }

    private void logIn(RoutingContext ctx) {
        JsonObject body = Json.body(ctx);
        // The API signs in in one step: a member with two-factor sends "code" along (absent reads as empty).
        Accounts.LogIn form = new Accounts.LogIn(Json.string(body, "identifier"), Json.string(body, "password"),
                Boolean.TRUE.equals(body.getValue("remember")), Json.string(body, "code"), AccountPages.userAgent(ctx),
                AccountPages.ip(ctx));
        accounts.logIn(form)
                .map(result -> ((Accounts.LoginResult.LoggedIn) result).session())
                .compose(session -> sessions.find(session.token()).map(viewer -> {
                    authentication.set(ctx, session);
                    return member(viewer.orElseThrow());
                }))
                .onSuccess(json -> Json.send(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void logOut(RoutingContext ctx) {
        accounts.logOut(Viewer.required(ctx)).onSuccess(done -> {
            authentication.clear(ctx);
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    private void listSessions(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Json.respond(ctx, 200, db.read(sql -> {
            JsonArray list = new JsonArray();
            sessions.active(sql, viewer.memberId()).forEach(s -> list.add(new JsonObject()
                    .put("id", s.id())
                    .put("device", Devices.describe(s.userAgent()))
                    .put("ip", s.ip())
                    .put("createdAt", s.createdAt().toString())
                    .put("lastSeenAt", s.lastSeenAt().toString())
                    .put("current", s.id() == viewer.sessionId())));
            return new JsonObject().put("sessions", list);
        }));
    }

    private void revoke(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "session");
        db.write(tx -> sessions.revoke(tx, viewer.memberId(), id)).onSuccess(revoked -> {
            if (!revoked) {
                ctx.fail(new NotFound("There is no such active session."));
                return;
            }
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    private void revokeAll(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        db.write(tx -> sessions.revokeAll(tx, viewer.memberId(), 0)).onSuccess(count -> {
            authentication.clear(ctx);
            ctx.response().setStatusCode(204).end();
        }).onFailure(ctx::fail);
    }

    static JsonObject member(Viewer viewer) {
        return new JsonObject()
                .put("id", viewer.memberId())
                .put("username", viewer.username())
                .put("displayName", viewer.displayName())
                .put("role", viewer.role().name().toLowerCase(java.util.Locale.ROOT))
                .put("emailVerified", viewer.emailVerified())
                .put("twoFactor", viewer.twoFactor());
    }
}
