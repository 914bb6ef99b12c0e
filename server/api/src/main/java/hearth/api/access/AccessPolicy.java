package hearth.api.access;

/**
 * Takes part in every permission decision. Policies run inside requests and transactions: decide from the request
 * and from memory, with no I/O. If any policy says {@link Decision#DENY} the answer is no; else if any says
 * {@link Decision#ALLOW} it is yes; else the permission's default grants decide. A policy that throws abstains.
 */
@FunctionalInterface
public interface AccessPolicy {

    /** This policy's opinion on the request. */
    Decision decide(AccessRequest request) throws Exception;
}
