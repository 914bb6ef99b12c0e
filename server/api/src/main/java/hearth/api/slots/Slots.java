package hearth.api.slots;

import java.util.List;

/**
 * The named places in the core templates where plugins render. The subject a renderer receives
 * ({@link SlotContext#subject}) is noted for each.
 */
public final class Slots {

    /** Links in the main navigation; no subject. */
    public static final String NAV_MAIN = "nav.main";
    /** Above the content of every page: announcements, banners; no subject. */
    public static final String PAGE_TOP = "page.top";
    /**
     * Beside the author's name on a post (badges, a title); subject: the {@link hearth.api.views.PostView}.
     *
     * @since 1.2.0
     */
    public static final String POST_AUTHOR = "post.author";
    /** Buttons under a post; subject: the {@link hearth.api.views.PostView}. */
    public static final String POST_ACTIONS = "post.actions";
    /** Below a post's body; subject: the {@link hearth.api.views.PostView}. */
    public static final String POST_FOOTER = "post.footer";
    /** Beside a topic; subject: the {@link hearth.api.views.TopicView}. */
    public static final String TOPIC_SIDEBAR = "topic.sidebar";
    /** Under a profile's name; subject: the {@link hearth.api.views.MemberView}. */
    public static final String PROFILE_HEADER = "profile.header";
    /** Tabs of a profile; subject: the {@link hearth.api.views.MemberView}. */
    public static final String PROFILE_TABS = "profile.tabs";
    /** The small card shown with a member's name; subject: the {@link hearth.api.views.MemberView}. */
    public static final String USER_CARD = "user.card";
    /** Links in the admin navigation; no subject. */
    public static final String ADMIN_NAV = "admin.nav";
    /** Stylesheets and scripts in the page head; no subject. */
    public static final String HEAD_ASSETS = "head.assets";

    /** Every slot, in the order above. */
    public static final List<String> ALL = List.of(NAV_MAIN, PAGE_TOP, POST_AUTHOR, POST_ACTIONS, POST_FOOTER, TOPIC_SIDEBAR, PROFILE_HEADER,
            PROFILE_TABS, USER_CARD, ADMIN_NAV, HEAD_ASSETS);

    private Slots() {
    }
}
