package hearth.plugins.moderation.members;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.data.PluginTransaction;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.moderation.Standing;
import hearth.api.views.MemberView;
import hearth.plugins.moderation.AuditLog;
import hearth.plugins.moderation.Sanctions;
import hearth.plugins.moderation.Staff;
import hearth.plugins.moderation.Toolkit;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What staff do to a member, shared by the member page and the JSON API so both check the same permissions: anyone
 * who may review (category moderators too) opens the page, warns and writes notes; silencing and suspending need
 * {@link Staff#SANCTION}; banning and lifting a ban need {@link Staff#BAN}. Each action is one transaction in which
 * {@link Sanctions} writes the audit entry and the event. Input is checked before anything is written.
 */
final class MemberActions {

    /** What the viewer may do on the page; templates read the components. */
    public record Powers(boolean warn, boolean sanction, boolean ban, boolean editReasons) {
    }

    private static final String PENDING = "This account waits for approval: approve or reject it in the review "
            + "queue.";

    private final Toolkit kit;
    private final Permissions permissions;
    private final CannedReasons reasons;
    private final Notes notes;

    MemberActions(Toolkit kit, CannedReasons reasons, Notes notes) {
        this.kit = kit;
        this.permissions = kit.context().permissions();
        this.reasons = reasons;
        this.notes = notes;
    }

    /** The member a page or API call is about; {@link NotFound} for an unknown or deleted account. */
    MemberView target(String username) {
        return kit.context().members().byUsername(username)
                .orElseThrow(() -> new NotFound("There is no member called " + username + "."));
    }

    /** Throws {@link Forbidden} unless the viewer may open members' moderation pages; returns what they may do. */
    Powers require(Optional<MemberView> viewer) {
        permissions.require(viewer, Staff.REVIEW, Scope.site(), "Only moderators can see members' moderation pages.");
        return new Powers(true, permissions.allows(viewer, Staff.SANCTION, Scope.site()),
                permissions.allows(viewer, Staff.BAN, Scope.site()),
                permissions.allows(viewer, MembersFeature.EDIT_REASONS, Scope.site()));
    }

    /** The member's standing now, with when it ends and why when the audit log knows. */
    MemberStanding standing(long memberId) {
        Standing now = kit.context().database().transaction(tx -> kit.context().moderation().standing(tx, memberId));
        return MemberStanding.of(now, kit.audit().list(AuditLog.Filter.about("member", memberId), 0, 20));
    }

    /**
     * Does {@code action} (warn, silence, suspend, ban, lift, notes) to {@code target} with the form's fields, and
     * returns what to tell the moderator.
     */
    String act(Optional<MemberView> viewer, MemberView target, String action, Function<String, Optional<String>> form) {
        Powers powers = require(viewer);
        long by = viewer.orElseThrow().id();
        Sanctions sanctions = kit.sanctions();
        return switch (action) {
            case "warn" -> {
                if (target.isStaff()) {
                    throw new InvalidInput("member", "Moderators and admins cannot be sanctioned: change their role "
                            + "first.");
                }
                String reason = reason(form);
                transaction(tx -> sanctions.warn(tx, target.id(), reason, by));
                yield "Warning sent to " + target.username() + " as a private message.";
            }
            case "silence" -> {
                need(powers.sanction(), "Only moderators can silence members.");
                Optional<Instant> until = until(form, true);
                String reason = reason(form);
                transaction(tx -> {
                    replaceable(tx, target.id());
                    sanctions.silence(tx, target.id(), until, reason, by);
                });
                yield target.username() + " is silenced" + until.map(at -> " until " + at).orElse("") + ".";
            }
            case "suspend" -> {
                need(powers.sanction(), "Only moderators can suspend members.");
                Instant until = until(form, false).orElseThrow();
                String reason = reason(form);
                transaction(tx -> {
                    replaceable(tx, target.id());
                    sanctions.suspend(tx, target.id(), until, reason, by);
                });
                yield target.username() + " is suspended until " + until + ".";
            }
            case "ban" -> {
                need(powers.ban(), "Only admins can ban members.");
                String reason = reason(form);
                transaction(tx -> sanctions.ban(tx, target.id(), reason, by));
                yield target.username() + " is banned.";
            }
            case "lift" -> {
                need(powers.sanction(), "Only moderators can lift sanctions.");
                String reason = reason(form);
                transaction(tx -> lift(tx, viewer, target.id(), reason));
                yield "The sanction on " + target.username() + " is lifted.";
            }
            case "notes" -> {
                String note = form.apply("note").orElse("");
                transaction(tx -> notes.add(tx, target.id(), note, by));
                yield "Note added.";
            }
            default -> throw new NotFound("There is no such action.");
        };
    }

    /**
     * Lifts a silence, suspension or ban in the caller's transaction; lifting a ban needs {@link Staff#BAN}. The
     * standing is read in the transaction, so the check and the change agree.
     */
    void lift(PluginTransaction tx, Optional<MemberView> viewer, long memberId, String reason) {
        Standing now = kit.context().moderation().standing(tx, memberId);
        switch (now) {
            case ACTIVE -> throw new InvalidInput("member", "There is nothing to lift: the member is in good "
                    + "standing.");
            case PENDING_APPROVAL -> throw new InvalidInput("member", PENDING);
            case BANNED -> need(permissions.allows(viewer, Staff.BAN, Scope.site()), "Only admins can lift a ban.");
            default -> need(permissions.allows(viewer, Staff.SANCTION, Scope.site()),
                    "Only moderators can lift sanctions.");
        }
        kit.sanctions().lift(tx, memberId, reason, viewer.orElseThrow().id());
    }

    /**
     * Refuses to replace a ban or a pending sign-up with a silence or suspension: either would let the member log in
     * (a moderator without {@link Staff#BAN} could end a ban that way; an applicant would skip approval).
     */
    private void replaceable(PluginTransaction tx, long memberId) {
        switch (kit.context().moderation().standing(tx, memberId)) {
            case BANNED -> throw new InvalidInput("member", "The member is banned: lift the ban first.");
            case PENDING_APPROVAL -> throw new InvalidInput("member", PENDING);
            default -> {
                // Active, silenced or suspended: the new sanction replaces the old one.
            }
        }
    }

    /** The reason typed, else the text of the canned reason chosen; Sanctions refuses an empty one. */
    private String reason(Function<String, Optional<String>> form) {
        Optional<String> typed = form.apply("reason").map(String::strip).filter(s -> !s.isEmpty());
        if (typed.isPresent()) {
            return typed.get();
        }
        Optional<String> canned = form.apply("canned").map(String::strip).filter(s -> !s.isEmpty());
        if (canned.isEmpty()) {
            return "";
        }
        try {
            return reasons.text(Long.parseLong(canned.get())).orElseThrow(() -> new InvalidInput("canned",
                    "That reason no longer exists: choose another or write one."));
        } catch (NumberFormatException e) {
            throw new InvalidInput("canned", "Choose a reason from the list or write one.");
        }
    }

    /** When a silence or suspension ends, from the length chosen; "until lifted" only for a silence. */
    private Optional<Instant> until(Function<String, Optional<String>> form, boolean mayBeOpenEnded) {
        Sanctions.Length length = Sanctions.Length.parse(form.apply("length").orElse(""));
        if (length == Sanctions.Length.PERMANENT && !mayBeOpenEnded) {
            throw new InvalidInput("length", "A suspension ends: choose how long, or ban the member instead.");
        }
        Optional<Integer> days = Optional.empty();
        if (length == Sanctions.Length.CUSTOM) {
            String typed = form.apply("days").map(String::strip).orElse("");
            try {
                days = typed.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(typed));
            } catch (NumberFormatException e) {
                throw new InvalidInput("days", "Enter the number of days as a whole number, e.g. 14.");
            }
        }
        return kit.sanctions().until(length, days);
    }

    private void transaction(Consumer<PluginTransaction> work) {
        kit.context().database().transaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private static void need(boolean allowed, String refusal) {
        if (!allowed) {
            throw new Forbidden(refusal);
        }
    }
}
