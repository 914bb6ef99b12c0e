package hearth.plugins.moderation.members;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.views.Members;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Appeals. {@code /x/moderation/appeal} is public, because suspended and banned members cannot log in: they give
 * their username or email address and a message, and always get the same confirmation, so the form does not tell
 * who has an account. {@code /x/moderation/appeals} lists open appeals for those who may sanction, who uphold one
 * (the sanction stays) or lift the sanction; both answers are audited.
 */
final class AppealPages {

    static final String FORM = "/x/moderation/appeal";
    static final String LIST = "/x/moderation/appeals";
    private static final int SHOWN = 100;

    private final Toolkit kit;
    private final Permissions permissions;
    private final Members members;
    private final Appeals appeals;
    private final AppealLimiter limiter;
    private final MemberActions actions;

    AppealPages(Toolkit kit, Appeals appeals, AppealLimiter limiter, MemberActions actions) {
        this.kit = kit;
        this.permissions = kit.context().permissions();
        this.members = kit.context().members();
        this.appeals = appeals;
        this.limiter = limiter;
        this.actions = actions;
    }

    /** {@code GET /appeal}: the form, or the confirmation after sending. */
    PageResponse form(PageRequest request) {
        return form(request.query("sent").isPresent(), Map.of(), Map.of(), 200);
    }

    /** {@code POST /appeal}. */
    PageResponse send(PageRequest request) {
        String identifier = request.form("identifier").orElse("");
        String message = request.form("message").orElse("");
        Map<String, String> values = Map.of("identifier", identifier, "message", message);
        Map<String, String> appeal;
        try {
            appeal = Appeals.valid(identifier, message);
        } catch (InvalidInput e) {
            return form(false, e.errors(), values, 400);
        }
        List<String> keys = new ArrayList<>();
        keys.add("who:" + appeal.get("identifier").toLowerCase(Locale.ROOT));
        keys.add("address:" + request.clientAddress());
        if (!limiter.tryAcquire(keys)) {
            return form(false, Map.of("message", "Several appeals came from you in the last hour. The moderators "
                    + "will read them: please wait an hour before sending another."), values, 429);
        }
        appeals.submit(appeal.get("identifier"), appeal.get("message"));
        return PageResponse.redirect(FORM + "?sent=1");
    }

    /** {@code GET /appeals}: the open appeals, oldest first. */
    PageResponse list(PageRequest request) {
        require(request);
        List<Map<String, Object>> rows = appeals.open(SHOWN).stream().map(appeal -> {
            Map<String, Object> row = new HashMap<>();
            row.put("appeal", appeal);
            row.put("member", Optional.ofNullable(appeal.memberId()).flatMap(members::byId).orElse(null));
            return row;
        }).toList();
        return PageResponse.page("moderation::appeal-list", Map.of("rows", rows,
                "done", request.query("done").orElse("")));
    }

    /** {@code POST /appeals/:id/:answer}: {@code uphold} or {@code lift}, with an optional note. */
    PageResponse answer(PageRequest request) {
        require(request);
        long id = id(request);
        String note = request.form("note").orElse("");
        String answer = request.param("answer");
        switch (answer) {
            case "uphold" -> kit.context().database().transaction(tx ->
                    appeals.answer(tx, id, "upheld", note, request.viewer().orElseThrow().id()));
            case "lift" -> kit.context().database().transaction(tx -> {
                Appeals.Appeal appeal = appeals.answer(tx, id, "lifted", note, request.viewer().orElseThrow().id());
                if (appeal.memberId() == null) {
                    throw new InvalidInput("note", "This appeal names no member: find them and lift the sanction "
                            + "on their page.");
                }
                actions.lift(tx, request.viewer(), appeal.memberId(),
                        note.isBlank() ? "Your appeal was accepted." : note);
                return appeal;
            });
            default -> throw new NotFound("Answer an appeal with uphold or lift.");
        }
        return PageResponse.redirect(LIST + "?done=" + answer);
    }

    private PageResponse form(boolean sent, Map<String, String> errors, Map<String, String> values, int status) {
        return PageResponse.page("moderation::appeal-form", Map.of("sent", sent, "errors", errors, "values", values,
                "maxLength", Appeals.MAX_MESSAGE)).withStatus(status);
    }

    private void require(PageRequest request) {
        permissions.require(request.viewer(), Staff.SANCTION, Scope.site(), "Only moderators can answer appeals.");
    }

    private static long id(PageRequest request) {
        try {
            return Long.parseLong(request.param("id"));
        } catch (NumberFormatException e) {
            throw new NotFound("There is no such appeal.");
        }
    }
}
