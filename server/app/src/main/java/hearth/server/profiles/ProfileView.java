package hearth.server.profiles;

import hearth.server.profiles.MemberActivity.Counts;
import hearth.server.profiles.MemberActivity.RecentPost;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A profile as one viewer may see it. {@code restricted}: the profile is private and the viewer is neither the
 * member nor staff, so everything but the username is left out. {@code lastSeenAt} is null when the member hides
 * their presence from this viewer (or was never seen).
 */
public record ProfileView(long id, String username, boolean restricted, boolean privateProfile,
                          boolean presenceHidden, String displayName, String bioHtml, String location, String website,
                          String pronouns, String timeZone, Instant joinedAt, Instant lastSeenAt, Counts counts,
                          List<RecentPost> recent, List<Answer> fields, boolean editable) {

    /** A custom field's answer this viewer may see. */
    public record Answer(long fieldId, String label, String kind, String value) {

        public boolean link() {
            return FieldKind.LINK.key().equals(kind);
        }
    }

    static ProfileView restricted(MemberProfile member) {
        return new ProfileView(member.id(), member.username(), true, true, true, null, null, null, null, null, null,
                null, null, null, List.of(), List.of(), false);
    }

    static ProfileView of(MemberProfile member, Audience audience, boolean editable, Counts counts,
                          List<RecentPost> recent, List<CustomField> fields, Map<Long, String> values) {
        if (!audience.seesProfile(member.profileHidden())) {
            return restricted(member);
        }
        List<Answer> answers = fields.stream()
                .filter(f -> f.visibility().visibleTo(audience) && values.containsKey(f.id()))
                .map(f -> new Answer(f.id(), f.label(), f.kind().key(), values.get(f.id())))
                .toList();
        boolean seesPresence = audience.seesPresence(member.profileHidden(), member.presenceHidden());
        return new ProfileView(member.id(), member.username(), false, member.profileHidden(),
                member.presenceHidden(), member.displayName(), member.bioHtml() == null ? "" : member.bioHtml(),
                member.location(), member.website(), member.pronouns(), member.timeZone(), member.joinedAt(),
                seesPresence ? member.lastSeenAt() : null, counts, recent, answers, editable);
    }

    /** Where the member's picture is served (the avatars feature answers there). */
    public String avatarUrl() {
        return "/u/" + username + "/avatar";
    }

    public String url() {
        return "/u/" + username;
    }

    /** The viewer may see the profile but not when the member was last here. */
    public boolean presenceShownAsHidden() {
        return !restricted && lastSeenAt == null && presenceHidden;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("username", username).put("private", privateProfile);
        if (restricted) {
            return json.put("restricted", true);
        }
        JsonArray fieldList = new JsonArray();
        fields.forEach(a -> fieldList.add(new JsonObject().put("id", a.fieldId()).put("label", a.label())
                .put("kind", a.kind()).put("value", a.value())));
        JsonArray posts = new JsonArray();
        recent.forEach(p -> posts.add(new JsonObject().put("postId", p.postId()).put("topicId", p.topicId())
                .put("topicTitle", p.topicTitle()).put("postNumber", p.postNumber())
                .put("createdAt", p.createdAt().toString()).put("url", p.url())));
        return json.put("restricted", false)
                .put("displayName", displayName)
                .put("bioHtml", bioHtml)
                .put("location", location)
                .put("website", website)
                .put("pronouns", pronouns)
                .put("timeZone", timeZone)
                .put("avatarUrl", avatarUrl())
                .put("joinedAt", joinedAt.toString())
                .put("presenceHidden", presenceShownAsHidden())
                .put("lastSeenAt", lastSeenAt == null ? null : lastSeenAt.toString())
                .put("counts", new JsonObject().put("topics", counts.topics()).put("replies", counts.replies())
                        .put("likesReceived", counts.likesReceived()))
                .put("fields", fieldList)
                .put("recentPosts", posts);
    }
}
