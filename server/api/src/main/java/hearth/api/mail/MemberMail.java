package hearth.api.mail;

import hearth.api.data.PluginTransaction;

/**
 * Plain-text mail to members, through the site's outbox: queued in a transaction and sent after it commits, so a
 * mail goes out once, and only if the work that caused it commits. Like the core's own mail, it reaches only members
 * who may receive mail: not deleted, not suspended or banned, with a confirmed address. Calls block: use them from
 * page handlers, listeners and tasks.
 *
 * <p>Every mail names where the member stops mails of its kind ({@code unsubscribePath}, a page of the plugin's
 * that they can reach when logged in, such as its settings): the core adds it at the foot of the body and as the
 * {@code List-Unsubscribe} header, so mail clients offer it too.
 *
 * @since 1.3.0
 */
public interface MemberMail {

    /**
     * Queues a mail to one member in {@code tx} (from {@link hearth.api.data.PluginDatabase#transaction}): it is
     * sent once {@code tx} commits, and never if it rolls back.
     *
     * @param subject         one line (line breaks become spaces; over 300 characters it is cut)
     * @param text            the plain-text body, at most 64 KiB
     * @param unsubscribePath a path on the site, e.g. {@code /x/my-plugin/mail}, where the member turns these mails off
     * @return true if queued; false if the member may not receive mail (deleted, suspended, no confirmed address)
     * @throws IllegalArgumentException if the body is too long or the path is not a path on the site
     */
    boolean queue(PluginTransaction tx, long memberId, String subject, String text, String unsubscribePath);

    /** {@link #queue(PluginTransaction, long, String, String, String)} in a transaction of its own. */
    boolean queue(long memberId, String subject, String text, String unsubscribePath);

    /** The absolute URL of a path on the site (e.g. {@code /x/analytics/}), for links in a mail's body. */
    String link(String path);
}
