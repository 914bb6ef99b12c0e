package hearth.plugins.moderation.audit;

import hearth.api.Contributions;
import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.views.MemberView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.moderation.AuditLog;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The audit log for staff: {@code /x/moderation/audit} filtered by who, what, which subject and when, the same as
 * CSV at {@code /x/moderation/audit.csv} and as JSON at {@code /api/v1/x/moderation/audit}. Read-only: no route
 * changes or deletes an entry. Core actions taken outside the plugin are added from the journal by
 * {@link CoreActionsAudit}.
 */
public final class AuditFeature {

    static final int PAGE_SIZE = 50;
    /** A CSV export holds at most this many entries (newest first); narrow the filter for older ones. */
    static final int CSV_MAX = 50_000;
    private static final Pattern ACTION = Pattern.compile("[a-z.-]{1,40}");
    private static final Set<String> SUBJECTS = Set.of("post", "topic", "member", "flag", "site");

    private final PluginContext context;
    private final AuditLog audit;

    private AuditFeature(Toolkit kit) {
        this.context = kit.context();
        this.audit = kit.audit();
    }

    public static void contribute(Contributions site, Toolkit kit) {
        AuditFeature feature = new AuditFeature(kit);
        site.pages()
                .get("/audit", feature::page)
                .get("/audit.csv", feature::csv)
                .get("/api/audit", feature::json);
        site.listener("core-actions-audit", new CoreActionsAudit(kit.context(), kit.audit()));
    }

    /** One entry as staff read it: names instead of ids. */
    public record Shown(long id, Instant at, String actor, String action, String subjectType, long subjectId,
                        String subjectLink, String reason, String before, String after) {
    }

    private PageResponse page(PageRequest request) {
        require(request);
        Map<String, Object> model = new HashMap<>();
        Map<String, String> values = values(request);
        model.put("values", values);
        try {
            AuditLog.Filter filter = filter(values);
            int page = Math.max(1, parseInt(values.get("page")));
            int total = audit.count(filter);
            model.put("entries", shown(audit.list(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE)));
            model.put("page", page);
            model.put("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
            model.put("total", total);
            model.put("errors", Map.of());
            return PageResponse.page("moderation::audit", model);
        } catch (InvalidInput invalid) {
            model.put("entries", List.of());
            model.put("page", 1);
            model.put("pages", 1);
            model.put("total", 0);
            model.put("errors", invalid.errors());
            return PageResponse.page("moderation::audit", model).withStatus(400);
        }
    }

    private PageResponse csv(PageRequest request) {
        require(request);
        List<Shown> entries = shown(audit.list(filter(values(request)), 0, CSV_MAX));
        StringBuilder out = new StringBuilder("id,at,actor,action,subject_type,subject_id,reason,before,after\r\n");
        for (Shown e : entries) {
            out.append(e.id()).append(',').append(e.at()).append(',').append(Csv.cell(e.actor())).append(',')
                    .append(Csv.cell(e.action())).append(',').append(e.subjectType()).append(',')
                    .append(e.subjectId()).append(',').append(Csv.cell(e.reason())).append(',')
                    .append(Csv.cell(e.before())).append(',').append(Csv.cell(e.after())).append("\r\n");
        }
        return new PageResponse(200, null, Map.of(), out.toString(), "text/csv; charset=utf-8", null);
    }

    private PageResponse json(PageRequest request) {
        require(request);
        Map<String, String> values = values(request);
        int page = Math.max(1, parseInt(values.get("page")));
        AuditLog.Filter filter = filter(values);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", audit.count(filter));
        answer.put("page", page);
        answer.put("entries", shown(audit.list(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE)));
        return PageResponse.json(answer);
    }

    private void require(PageRequest request) {
        context.permissions().require(request.viewer(), Staff.AUDIT, Scope.site(),
                "Only moderators can read the audit log.");
    }

    private static Map<String, String> values(PageRequest request) {
        Map<String, String> values = new HashMap<>();
        for (String name : List.of("actor", "action", "subject", "subjectId", "from", "to", "page")) {
            request.query(name).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> values.put(name, v));
        }
        return values;
    }

    private AuditLog.Filter filter(Map<String, String> values) {
        Optional<Long> actor = Optional.ofNullable(values.get("actor")).map(name -> name.equals("system") ? 0L
                : context.members().byUsername(name.replaceFirst("^@", "")).map(MemberView::id)
                .orElseThrow(() -> new InvalidInput("actor", "There is no member called " + name + ".")));
        Optional<String> action = Optional.ofNullable(values.get("action")).map(a -> {
            if (!ACTION.matcher(a).matches()) {
                throw new InvalidInput("action", "Actions are words like warn, silence or topic.close.");
            }
            return a;
        });
        Optional<String> subject = Optional.ofNullable(values.get("subject")).map(s -> {
            if (!SUBJECTS.contains(s)) {
                throw new InvalidInput("subject", "Choose post, topic, member, flag or site.");
            }
            return s;
        });
        Optional<Long> subjectId = Optional.ofNullable(values.get("subjectId")).map(s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new InvalidInput("subjectId", "Enter the number of the post, topic or member.");
            }
        });
        Optional<Instant> from = Optional.ofNullable(values.get("from")).map(d -> day(d, "from"));
        Optional<Instant> to = Optional.ofNullable(values.get("to")).map(d -> day(d, "to").plusSeconds(86_400));
        return new AuditLog.Filter(actor, action, subject, subjectId, from, to, Optional.empty());
    }

    private static Instant day(String text, String field) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "Enter a date like 2026-12-31.");
        }
    }

    private static int parseInt(String text) {
        try {
            return text == null ? 1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private List<Shown> shown(List<AuditLog.Entry> entries) {
        Map<Long, String> names = new HashMap<>();
        names.put(0L, "system");
        return entries.stream().map(e -> new Shown(e.id(), e.at(),
                names.computeIfAbsent(e.actorId(), id -> context.members().byId(id).map(MemberView::username)
                        .orElse("member " + id)),
                e.action(), e.subjectType(), e.subjectId(), link(e), e.reason(),
                e.before() == null ? "" : e.before(), e.after() == null ? "" : e.after())).toList();
    }

    private String link(AuditLog.Entry e) {
        return switch (e.subjectType()) {
            case "topic" -> "/t/" + e.subjectId();
            case "post" -> "/p/" + e.subjectId();
            case "member" -> context.members().byId(e.subjectId()).map(m -> "/u/" + m.username()).orElse("");
            default -> "";
        };
    }
}
