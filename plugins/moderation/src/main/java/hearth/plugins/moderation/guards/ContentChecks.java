package hearth.plugins.moderation.guards;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.content.ContentGuard;
import hearth.api.content.Draft;
import hearth.api.content.Verdict;
import hearth.plugins.moderation.Staff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The content guard: watched words, new members' limits, crisis mode, slow mode and the spam heuristics, in that
 * order, all from memory. Refusals come first (the author fixes them before anything is saved), then holds.
 *
 * <p>Staff (moderators of the post's category, site moderators and admins) are exempt from every limit except the
 * watched words. What the guard lets through is remembered (the reply time for slow mode, the text for duplicates,
 * the time for the fast-typer check); an edit cannot be told from a new post here, so an edit counts as a post too.
 */
public final class ContentChecks implements ContentGuard {

    /** Links: a scheme or a bare www. address. */
    static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.)[^\\s)\\]>]+");
    /** Mentions: @name not inside a word or an email address. */
    static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@[A-Za-z0-9_][A-Za-z0-9_.-]*");
    /** A text shorter than this is never a fast typer's: a quick "thanks!" is fine. */
    private static final int FAST_TYPER_MIN_LENGTH = 200;
    /** A text shorter than this (normalised) is never a duplicate: short answers repeat honestly. */
    private static final int DUPLICATE_MIN_LENGTH = 40;
    private static final int REMEMBERED_MEMBERS = 10_000;
    private static final int REMEMBERED_TEXTS = 10;

    private record Sent(int hash, long topicId, Instant at) {
    }

    private final WatchedWords words;
    private final SlowModes slowModes;
    private final Crisis crisis;
    private final GuardSettings settings;
    private final Permissions permissions;
    private final Clock clock;
    private final Map<Long, Deque<Sent>> sentBy = new ConcurrentHashMap<>();

    public ContentChecks(WatchedWords words, SlowModes slowModes, Crisis crisis, GuardSettings settings,
                         Permissions permissions, Clock clock) {
        this.words = words;
        this.slowModes = slowModes;
        this.crisis = crisis;
        this.settings = settings;
        this.permissions = permissions;
        this.clock = clock;
    }

    @Override
    public Verdict check(Draft draft) {
        Normalised text = Normalised.of(draft.title().isEmpty() ? draft.body() : draft.title() + "\n" + draft.body());
        Optional<WatchedWord> blocked = words.first(text, WatchedWord.Action.BLOCK);
        if (blocked.isPresent()) {
            return Verdict.reject(blocked.get().kind() == WatchedWord.Kind.WORD
                    ? "Please remove “" + blocked.get().pattern() + "”: it is not allowed here."
                    : "This post contains words that are not allowed here. Please rephrase it.");
        }
        if (draft.kind() == Draft.Kind.PROFILE) {
            return words.first(text, WatchedWord.Action.HOLD)
                    .map(w -> Verdict.holdForReview("Watched word: " + w.pattern())).orElse(Verdict.accept());
        }
        boolean staff = permissions.allows(Optional.of(draft.author()), Staff.CORE_MODERATE,
                Scope.category(draft.categoryId()));
        boolean fresh = !staff && settings.isNew(draft.author(), draft.authorPosts(), clock);
        boolean inCrisis = crisis.active() && !staff;
        int links = count(LINK, draft.body());

        Optional<String> refusal = staff ? Optional.empty() : refusal(draft, fresh, inCrisis, links);
        if (refusal.isPresent()) {
            return Verdict.reject(refusal.get());
        }
        Verdict verdict = hold(draft, fresh, inCrisis, links, text);
        if (!staff && !draft.isEdit()) {
            remember(draft);
        }
        return verdict;
    }

    private Optional<String> refusal(Draft draft, boolean fresh, boolean inCrisis, int links) {
        if (fresh && inCrisis) {
            return Optional.of("The site is in crisis mode: new members cannot post for now. Please try again later.");
        }
        if (fresh && links > settings.newMemberLinks().get()) {
            return Optional.of("New members may put at most " + settings.newMemberLinks().get()
                    + (settings.newMemberLinks().get() == 1 ? " link" : " links") + " in a post (this one has "
                    + links + ").");
        }
        int mentions = count(MENTION, draft.body());
        if (fresh && mentions > settings.newMemberMentions().get()) {
            return Optional.of("New members may mention at most " + settings.newMemberMentions().get()
                    + " people in a post (this one mentions " + mentions + ").");
        }
        if (draft.isEdit()) {
            // Slow mode and the spam heuristics are about how often one posts; editing is not posting again.
            return Optional.empty();
        }
        if (draft.kind() == Draft.Kind.REPLY && draft.topicId() != 0) {
            int seconds = Math.max(slowModes.seconds(draft.topicId()),
                    inCrisis ? settings.crisisSlowModeSeconds().get() : 0);
            OptionalLong wait = slowModes.waitFor(draft.author().id(), draft.topicId(), seconds);
            if (wait.isPresent()) {
                return Optional.of("Slow mode: you can post again in " + wait.getAsLong() + " s.");
            }
        }
        if (fresh && "block".equals(settings.duplicatePosts().get()) && duplicate(draft)) {
            return Optional.of("You posted the same text in another topic a moment ago.");
        }
        if (fresh && "block".equals(settings.fastTyper().get()) && fastTyper(draft)) {
            return Optional.of("That was a lot of text very quickly after your last post. Please wait a little.");
        }
        return Optional.empty();
    }

    private Verdict hold(Draft draft, boolean fresh, boolean inCrisis, int links, Normalised text) {
        Optional<WatchedWord> held = words.first(text, WatchedWord.Action.HOLD);
        if (held.isPresent()) {
            return Verdict.holdForReview("Watched word: " + held.get().pattern());
        }
        if (inCrisis && links > 0) {
            return Verdict.holdForReview("Crisis mode: a post with links");
        }
        if (draft.isEdit()) {
            return Verdict.accept();
        }
        if (fresh && "hold".equals(settings.duplicatePosts().get()) && duplicate(draft)) {
            return Verdict.holdForReview("Duplicate post: the same text in another topic");
        }
        if (fresh && "hold".equals(settings.fastTyper().get()) && fastTyper(draft)) {
            return Verdict.holdForReview("Fast typer: a long text right after the previous post");
        }
        if (fresh && settings.approveFirstPosts().get() && draft.authorPosts() == 0) {
            return Verdict.holdForReview("First post of a new member");
        }
        return Verdict.accept();
    }

    /** The same normalised text by the same member in another topic within the window. */
    private boolean duplicate(Draft draft) {
        String body = Normalised.text(draft.body()).strip();
        if (body.length() < DUPLICATE_MIN_LENGTH) {
            return false;
        }
        int hash = body.hashCode();
        Instant since = clock.instant().minus(Duration.ofMinutes(settings.duplicateMinutes().get()));
        Deque<Sent> sent = sentBy.get(draft.author().id());
        if (sent == null) {
            return false;
        }
        synchronized (sent) {
            // Another topic, or two new topics (topic id 0); the same text in the same topic is an edit or the
            // core's own repeat check's business.
            return sent.stream().anyMatch(s -> s.hash() == hash && s.at().isAfter(since)
                    && (s.topicId() != draft.topicId() || draft.topicId() == 0));
        }
    }

    /** A long text, more characters per second since the member's previous post than anyone types. */
    private boolean fastTyper(Draft draft) {
        if (draft.body().length() < FAST_TYPER_MIN_LENGTH) {
            return false;
        }
        Deque<Sent> sent = sentBy.get(draft.author().id());
        if (sent == null) {
            return false;
        }
        Instant last;
        synchronized (sent) {
            if (sent.isEmpty()) {
                return false;
            }
            last = sent.peekLast().at();
        }
        double seconds = Math.max(0.001, Duration.between(last, clock.instant()).toMillis() / 1000.0);
        return draft.body().length() / seconds > settings.fastTyperCharsPerSecond().get();
    }

    /** Notes what the member posted, for slow mode and the heuristics (bounded). */
    private void remember(Draft draft) {
        long memberId = draft.author().id();
        if (draft.kind() == Draft.Kind.REPLY && draft.topicId() != 0) {
            slowModes.replied(memberId, draft.topicId());
        }
        if (sentBy.size() >= REMEMBERED_MEMBERS && !sentBy.containsKey(memberId)) {
            // Rarely reached (only new members' texts matter); forgetting everyone merely lets one duplicate through.
            sentBy.clear();
        }
        Deque<Sent> sent = sentBy.computeIfAbsent(memberId, id -> new ArrayDeque<>());
        synchronized (sent) {
            sent.addLast(new Sent(Normalised.text(draft.body()).strip().hashCode(), draft.topicId(),
                    clock.instant()));
            while (sent.size() > REMEMBERED_TEXTS) {
                sent.removeFirst();
            }
        }
    }

    static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }
}
