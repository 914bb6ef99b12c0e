package hearth.plugins.moderation.guards;

import hearth.api.access.Role;
import hearth.api.access.Scope;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.api.views.TopicView;
import hearth.api.web.PageRequest;
import hearth.api.web.PageResponse;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The guards' pages under {@code /x/moderation/}: watched words and sign-up block lists (admins), the crisis switch
 * (whoever holds {@link Staff#CRISIS}, admins by default) and a topic's slow mode (its category's moderators). Every
 * handler checks the viewer first; forms that fail come back with the errors next to their fields (400).
 */
final class GuardsPages {

    static final String WORDS = "/x/moderation/words";
    static final String BLOCKLISTS = "/x/moderation/blocklists";
    static final String CRISIS = "/x/moderation/crisis";

    private final Toolkit kit;
    private final WatchedWords words;
    private final SignUpBlocks blocks;
    private final Crisis crisis;
    private final SlowModes slowModes;
    private final GuardSettings settings;

    GuardsPages(Toolkit kit, WatchedWords words, SignUpBlocks blocks, Crisis crisis, SlowModes slowModes,
                GuardSettings settings) {
        this.kit = kit;
        this.words = words;
        this.blocks = blocks;
        this.crisis = crisis;
        this.slowModes = slowModes;
        this.settings = settings;
    }

    // Watched words.

    PageResponse words(PageRequest request) {
        admin(request);
        return wordsPage(Map.of(), Map.of("kind", "word", "action", "block"));
    }

    PageResponse addWord(PageRequest request) {
        MemberView admin = admin(request);
        Map<String, String> form = form(request, "pattern", "kind", "action");
        try {
            words.add(form.get("pattern"), form.get("kind"), form.get("action"), admin.id());
        } catch (InvalidInput invalid) {
            return wordsPage(invalid.errors(), form).withStatus(400);
        }
        return PageResponse.redirect(WORDS);
    }

    PageResponse removeWord(PageRequest request) {
        MemberView admin = admin(request);
        words.remove(id(request.param("id")), admin.id());
        return PageResponse.redirect(WORDS);
    }

    private PageResponse wordsPage(Map<String, String> errors, Map<String, String> form) {
        return PageResponse.page("moderation::guards-words", Map.of("words", words.all(), "errors", errors,
                "form", form));
    }

    // Sign-up block lists.

    PageResponse blocklists(PageRequest request) {
        admin(request);
        return blocksPage(Map.of(), Map.of("kind", "ip"));
    }

    PageResponse addBlock(PageRequest request) {
        MemberView admin = admin(request);
        Map<String, String> form = form(request, "kind", "value");
        try {
            blocks.add(form.get("kind"), form.get("value"), admin.id());
        } catch (InvalidInput invalid) {
            return blocksPage(invalid.errors(), form).withStatus(400);
        }
        return PageResponse.redirect(BLOCKLISTS);
    }

    PageResponse removeBlock(PageRequest request) {
        MemberView admin = admin(request);
        blocks.remove(id(request.param("id")), admin.id());
        return PageResponse.redirect(BLOCKLISTS);
    }

    private PageResponse blocksPage(Map<String, String> errors, Map<String, String> form) {
        return PageResponse.page("moderation::guards-blocklists", Map.of("blocks", blocks.all(), "errors", errors,
                "form", form, "approveSignUps", settings.approveSignUps().get()));
    }

    // Crisis mode.

    PageResponse crisis(PageRequest request) {
        crisisAdmin(request);
        return crisisPage(Map.of(), "");
    }

    PageResponse switchCrisis(PageRequest request) {
        MemberView admin = crisisAdmin(request);
        String reason = request.form("reason").orElse("");
        boolean on = crisisSwitch(request);
        try {
            crisis.turn(on, reason, admin.id());
        } catch (InvalidInput invalid) {
            return crisisPage(invalid.errors(), reason).withStatus(400);
        }
        return PageResponse.redirect(CRISIS);
    }

    /** Crisis mode as JSON: GET reads it, POST ({@code active} on or off, {@code reason}) switches it. */
    PageResponse crisisJson(PageRequest request) {
        MemberView admin = crisisAdmin(request);
        if (request.method().equals("POST")) {
            crisis.turn(crisisSwitch(request), request.form("reason").orElse(""), admin.id());
        }
        Crisis.State state = crisis.state();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", state.active());
        answer.put("since", state.changedAt());
        answer.put("reason", state.reason());
        answer.put("slowModeSeconds", settings.crisisSlowModeSeconds().get());
        return PageResponse.json(answer);
    }

    private static boolean crisisSwitch(PageRequest request) {
        return switch (request.form("active").orElse("")) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new InvalidInput("active", "Choose on or off.");
        };
    }

    private PageResponse crisisPage(Map<String, String> errors, String reason) {
        Crisis.State state = crisis.state();
        Map<String, Object> model = new HashMap<>();
        model.put("active", state.active());
        model.put("since", state.changedAt() == null ? "" : state.changedAt().toString());
        model.put("reason", state.reason());
        model.put("changedBy", kit.context().members().byId(state.changedBy()).map(MemberView::username).orElse(""));
        model.put("slowSeconds", settings.crisisSlowModeSeconds().get());
        model.put("errors", errors);
        model.put("draft", reason);
        return PageResponse.page("moderation::crisis-switch", model);
    }

    // Slow mode.

    PageResponse slowMode(PageRequest request) {
        TopicView topic = moderatedTopic(request);
        return slowModePage(topic, Map.of(), String.valueOf(slowModes.seconds(topic.id())));
    }

    PageResponse setSlowMode(PageRequest request) {
        TopicView topic = moderatedTopic(request);
        String raw = request.form("seconds").orElse("").strip();
        try {
            slowModes.set(topic.id(), topic.categoryId(), seconds(raw), request.viewer().orElseThrow().id());
        } catch (InvalidInput invalid) {
            return slowModePage(topic, invalid.errors(), raw).withStatus(400);
        }
        // /t/<id> redirects to the topic's current address.
        return PageResponse.redirect("/t/" + topic.id());
    }

    /** Slow mode as JSON: POST {@code seconds} (0: off). */
    PageResponse setSlowModeJson(PageRequest request) {
        TopicView topic = moderatedTopic(request);
        int seconds = seconds(request.form("seconds").orElse("").strip());
        slowModes.set(topic.id(), topic.categoryId(), seconds, request.viewer().orElseThrow().id());
        return PageResponse.json(Map.of("topicId", topic.id(), "seconds", seconds));
    }

    private static int seconds(String raw) {
        int seconds;
        try {
            seconds = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > SlowModes.MAX_SECONDS) {
            throw new InvalidInput("seconds", "Enter a number of seconds from 0 (off) to " + SlowModes.MAX_SECONDS
                    + ".");
        }
        return seconds;
    }

    private PageResponse slowModePage(TopicView topic, Map<String, String> errors, String seconds) {
        return PageResponse.page("moderation::guards-slow-mode", Map.of("topic", topic, "errors", errors,
                "seconds", seconds, "max", SlowModes.MAX_SECONDS));
    }

    private TopicView moderatedTopic(PageRequest request) {
        Optional<MemberView> viewer = request.viewer();
        if (viewer.isEmpty()) {
            throw new Forbidden("Please log in.");
        }
        TopicView topic = kit.context().topics().topic(id(request.param("id")))
                .orElseThrow(() -> new NotFound("There is no such topic."));
        if (!kit.context().permissions().allows(viewer, Staff.CORE_MODERATE, Scope.category(topic.categoryId()))) {
            throw new Forbidden("Only this category's moderators can set slow mode.");
        }
        return topic;
    }

    // Checks and form helpers.

    private static MemberView admin(PageRequest request) {
        return request.viewer().filter(v -> v.role() == Role.ADMIN)
                .orElseThrow(() -> new Forbidden("Only admins manage the content guards."));
    }

    private MemberView crisisAdmin(PageRequest request) {
        kit.context().permissions().require(request.viewer(), Staff.CRISIS, Scope.site(),
                "Only admins can switch crisis mode.");
        return request.viewer().orElseThrow();
    }

    private static Map<String, String> form(PageRequest request, String... names) {
        Map<String, String> form = new HashMap<>();
        for (String name : names) {
            form.put(name, request.form(name).orElse(""));
        }
        return form;
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new NotFound("There is no such entry.");
        }
    }
}
