package hearth.api.access;

/** An access policy's answer: allow, deny (which wins over any allow), or no opinion. */
public enum Decision {
    ALLOW, DENY, ABSTAIN
}
