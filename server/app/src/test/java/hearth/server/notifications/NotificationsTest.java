package hearth.server.notifications;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SecondNode;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-app notifications: a reply tells the topic's author once, with a badge, a list, an API and "mark as read". */
class NotificationsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static SecondNode node;
    static long category;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir.resolve("site"), "--no-demo");
        node = SecondNode.on(site.database(), dataDir.resolve("node"));
        category = node.transaction(tx -> node.discussions().createCategory(tx, "Garden", "", "#5b6ee1", 0));
    }

    @AfterAll
    static void stop() {
        node.close();
        site.close();
    }

    static long id(String username) throws Exception {
        return Sql.number(site.database(), "SELECT id FROM members WHERE username_key = '"
                + username.toLowerCase(Locale.ROOT) + "'");
    }


    @Test
    void aReplyNotifiesTheTopicsAuthorOnce() throws Exception {
        Browser ada = Members.signUp(site, "Ada");
        Browser bo = Members.signUp(site, "Bodhi");
        long adaId = id("Ada");
        long boId = id("Bodhi");
        long topic = node.transaction(tx -> node.discussions().startTopic(tx, adaId, category, "Bean poles",
                "Hazel or bamboo?"));
        node.transaction(tx -> node.discussions().reply(tx, adaId, topic, "Answering myself: hazel."));
        node.transaction(tx -> node.discussions().reply(tx, boId, topic, "Hazel, definitely."));

        eventually("Ada hears of Bo's reply", () -> ada.get("/notifications").body().contains("Bodhi replied to Bean poles"));
        assertEquals(1, Sql.number(site.database(), "SELECT COUNT(*) FROM notifications"), "not for her own reply");
        assertTrue(ada.get("/").body().contains("unread-count\">1<span class=\"visually-hidden\"> unread</span>"),
                "the badge");
        HttpResponse<String> api = ada.json("GET", "/api/v1/notifications", null);
        assertTrue(api.body().contains("\"unread\":1") && api.body().contains("\"kind\":\"replies\""), api.body());
        assertTrue(api.body().contains("#post-3"), "it leads to the reply");
        assertFalse(bo.get("/notifications").body().contains("replied"));

        assertEquals(303, ada.submit("/notifications", "/notifications/read", Map.of()).statusCode());
        assertFalse(ada.get("/").body().contains("unread-count"), "no badge once read");
        assertTrue(ada.json("GET", "/api/v1/notifications", null).body().contains("\"unread\":0"));
        assertEquals(401, new Browser(site).json("GET", "/api/v1/notifications", null).statusCode());
    }
}
