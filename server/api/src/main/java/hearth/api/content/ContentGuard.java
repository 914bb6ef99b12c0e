package hearth.api.content;

/**
 * Looks at text before it is saved, inside the saving transaction: decide from the draft and from memory, with no
 * I/O. If any guard rejects, the text is refused with that guard's reason for the person; else if any holds it, it
 * is saved but waits for a moderator. A guard that throws is skipped (and the error is shown in admin).
 */
@FunctionalInterface
public interface ContentGuard {

    /** The verdict on one draft. */
    Verdict check(Draft draft) throws Exception;
}
