package hearth.server.profiles;

import java.util.Map;

/**
 * Changes to a profile. A null component leaves that part as it is (the API's PATCH); the edit form sends them all.
 * {@code fields} maps custom field ids to answers; an empty answer clears one, a field not named keeps its answer.
 */
public record ProfileEdit(String displayName, String bio, String location, String website, String pronouns,
                          String timeZone, Boolean hideProfile, Boolean hidePresence, Map<Long, String> fields) {

    public ProfileEdit {
        fields = Map.copyOf(fields);
    }

    /** The same edit without answers to fields that no longer exist (a form loaded before an admin deleted one). */
    public ProfileEdit withoutFieldsOtherThan(java.util.Collection<CustomField> existing) {
        Map<Long, String> kept = new java.util.HashMap<>(fields);
        kept.keySet().removeIf(id -> existing.stream().noneMatch(f -> f.id() == id));
        return new ProfileEdit(displayName, bio, location, website, pronouns, timeZone, hideProfile, hidePresence,
                kept);
    }
}
