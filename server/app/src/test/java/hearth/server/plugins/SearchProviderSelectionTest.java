package hearth.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.search.SearchHit;
import hearth.api.search.SearchQuery;
import hearth.api.search.SearchResults;
import hearth.server.accounts.Members;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import hearth.server.search.PlainSearch;
import hearth.server.search.SiteSearch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which search answers: a running plugin's provider, else (and when it fails) the core's plain search. */
class SearchProviderSelectionTest {

    private static final SearchHit PLUGIN_HIT = new SearchHit(99, 7, "From the plugin", "an indexed snippet",
            Instant.parse("2030-01-01T00:00:00Z"));

    @TempDir
    Path dir;
    MigratedDatabase database;
    ActivePlugins plugins = new ActivePlugins();
    PluginFaults faults = new PluginFaults(Clock.systemUTC());
    SiteSearch search;
    long compostTopic;

    @BeforeEach
    void open() {
        database = new MigratedDatabase(dir);
        Clock clock = Clock.systemUTC();
        compostTopic = database.db.transaction(tx -> {
            long author = new Members(clock).create(tx, "ada", "ada@example.org", "Ada", Members.Role.MEMBER);
            Discussions discussions = new Discussions(clock, new Markdown());
            long category = discussions.createCategory(tx, "Garden", "", "#5b6ee1", 0);
            return discussions.startTopic(tx, author, category, "Compost tea", "Brew it for a day, then water.");
        });
        search = new SiteSearch(database.db, plugins, faults, new PlainSearch(), Duration.ofMillis(300));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private SiteSearch.Answer answer(String text) throws Exception {
        return await(() -> search.search(new SearchQuery(text, Optional.empty(), 0, 20)));
    }

    /** Asks from an event loop, as a request handler does, and waits here for the answer. */
    private <T> T await(Supplier<Future<T>> asked) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        database.vertx().getOrCreateContext().runOnContext(v -> asked.get().onComplete(result -> {
            if (!Context.isOnEventLoopThread()) {
                done.completeExceptionally(new AssertionError("the answer came back off the event loop"));
            } else if (result.succeeded()) {
                done.complete(result.result());
            } else {
                done.completeExceptionally(result.cause());
            }
        }));
        return done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void withNoPluginTheCoreAnswers() throws Exception {
        SiteSearch.Answer answer = answer("compost");
        assertEquals(SiteSearch.CORE, answer.provider());
        assertEquals(1, answer.results().total());
        assertEquals(compostTopic, answer.results().hits().getFirst().topicId());
    }

    @Test
    void aRunningPluginsProviderAnswersOnAVirtualThreadWithTheQuery() throws Exception {
        SearchQuery[] asked = new SearchQuery[1];
        Thread[] thread = new Thread[1];
        FakePlugins.searching(plugins, "fake-search", query -> {
            asked[0] = query;
            thread[0] = Thread.currentThread();
            assertFalse(Context.isOnEventLoopThread());
            return new SearchResults(List.of(PLUGIN_HIT), 1);
        });

        SiteSearch.Answer answer = await(() -> search.search(new SearchQuery("compost", Optional.empty(), 20, 5)));

        assertEquals("fake-search", answer.provider());
        assertEquals(List.of(PLUGIN_HIT), answer.results().hits());
        assertEquals(new SearchQuery("compost", Optional.empty(), 20, 5), asked[0]);
        assertTrue(thread[0].isVirtual(), thread[0].toString());
    }

    @Test
    void aThrowingProviderIsContainedCountedAndTheCoreAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakePlugins.searching(plugins, "broken-search", query -> {
            calls.incrementAndGet();
            throw new IllegalStateException("the index is corrupt");
        });

        SiteSearch.Answer first = answer("compost");
        assertEquals(SiteSearch.CORE, first.provider());
        assertEquals(compostTopic, first.results().hits().getFirst().topicId());
        PluginFaults.Tally tally = faults.of("broken-search").getFirst();
        assertEquals(1, tally.count());
        assertEquals("search", tally.place());
        assertEquals("IllegalStateException: the index is corrupt", tally.lastMessage());

        assertEquals(SiteSearch.CORE, answer("compost").provider());
        assertEquals(2, calls.get(), "the provider is still asked first each time");
        assertEquals(2, faults.of("broken-search").getFirst().count());
    }

    @Test
    void aProviderThatTakesTooLongIsCountedAndTheCoreAnswersMeanwhile() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        FakePlugins.searching(plugins, "slow-search", query -> {
            stuck.await(10, TimeUnit.SECONDS);
            return new SearchResults(List.of(PLUGIN_HIT), 1);
        });
        long began = System.nanoTime();
        SiteSearch.Answer answer = answer("compost");
        long tookMillis = (System.nanoTime() - began) / 1_000_000;
        stuck.countDown();

        assertEquals(SiteSearch.CORE, answer.provider());
        assertEquals(compostTopic, answer.results().hits().getFirst().topicId());
        assertTrue(tookMillis < 5_000, tookMillis + " ms");
        PluginFaults.Tally tally = faults.of("slow-search").getFirst();
        assertEquals(1, tally.count());
        assertEquals("TimeoutException: The search provider did not answer within 300 ms", tally.lastMessage());
    }

    @Test
    void aProviderThatReturnsNothingAtAllLeavesItToTheCore() throws Exception {
        FakePlugins.searching(plugins, "null-search", query -> null);
        assertEquals(SiteSearch.CORE, answer("compost").provider());
    }

    @Test
    void onceThePluginIsWithdrawnTheCoreAnswersAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakePlugins.searching(plugins, "fake-search", query -> {
            calls.incrementAndGet();
            return new SearchResults(List.of(PLUGIN_HIT), 1);
        });
        assertEquals("fake-search", answer("compost").provider());

        plugins.withdraw("fake-search");

        SiteSearch.Answer answer = answer("compost");
        assertEquals(SiteSearch.CORE, answer.provider());
        assertEquals(compostTopic, answer.results().hits().getFirst().topicId());
        assertEquals(1, calls.get());
    }
}
