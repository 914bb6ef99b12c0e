package hearth.server.demo;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.server.accounts.Members;
import hearth.server.accounts.Members.Role;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a small, believable community on the first start of an empty site, through the same services a member's
 * actions go through, so the journal and everything derived from it agree. One transaction: a crash half-way leaves
 * an empty site that is seeded again on the next start.
 */
public final class DemoCommunity {

    private static final Logger log = LoggerFactory.getLogger(DemoCommunity.class);

    private final Database db;
    private final Clock clock;
    private final Markdown markdown;

    public DemoCommunity(Database db, Clock clock, Markdown markdown) {
        this.db = db;
        this.clock = clock;
        this.markdown = markdown;
    }

    /** Seeds the community unless the site already has members or categories; returns whether it did. */
    public boolean seedIfEmpty() {
        // The story happens over the three weeks before today.
        SteppingClock storyClock = new SteppingClock(clock.instant().minus(Duration.ofDays(21)));
        Members members = new Members(storyClock);
        Discussions discussions = new Discussions(storyClock, markdown);
        boolean seeded = db.transaction(tx -> {
            if (members.count(tx) > 0 || tx.sql().fetchCount(CATEGORIES) > 0) {
                return false;
            }
            Story story = new Story(tx, members, discussions, storyClock);
            story.tell();
            story.events(clock.instant());
            return true;
        });
        if (seeded) {
            log.info("Seeded the demo community (start with --no-demo to skip)");
        }
        return seeded;
    }

    private static final class Story {
        private final Tx tx;
        private final Members members;
        private final Discussions discussions;
        private final SteppingClock clock;
        private final Map<String, Long> people = new HashMap<>();
        private final Map<String, Long> categories = new HashMap<>();

        Story(Tx tx, Members members, Discussions discussions, SteppingClock clock) {
            this.tx = tx;
            this.members = members;
            this.discussions = discussions;
            this.clock = clock;
        }

        void tell() {
            member("maya", "Maya Okafor", Role.ADMIN);
            member("tomas", "Tomás Rivera", Role.MODERATOR);
            member("ines", "Inês Carvalho", Role.MEMBER);
            member("kwame", "Kwame Mensah", Role.MEMBER);
            member("liwei", "Li Wei", Role.MEMBER);
            member("sofia", "Sofia Lindqvist", Role.MEMBER);
            member("arjun", "Arjun Patel", Role.MEMBER);

            category("Announcements", "News from the team that runs this community.", "#d9480f");
            category("General", "Anything about gardening that doesn't fit elsewhere.", "#5b6ee1");
            category("Help & Support", "Stuck? Ask here; someone has grown it before.", "#2b8a3e");
            category("Events & Meetups", "Seed swaps, garden visits and online workshops.", "#ae3ec9");
            category("Show & Tell", "Photos and stories from your plot, balcony or windowsill.", "#e67700");

            topic("maya", "Announcements", "Welcome to the Riverside Growers community!", """
                    Hello everyone, and welcome! :seedling:

                    This is the new home of **Riverside Growers**: a place to ask questions, share what is growing \
                    and plan seed swaps and garden visits together.

                    A few ways to start:

                    1. Introduce yourself in *General*.
                    2. Ask anything in *Help & Support*: there are no silly questions.
                    3. Check *Events & Meetups* for the spring seed swap.

                    Please read the [community guidelines](https://example.org/guidelines) before posting.
                    """,
                    reply("tomas", "Glad to be here! I'll keep an eye on the Help category, so shout if you need anything."),
                    reply("ines", "Finally a forum instead of a 400-message group chat. Thank you Maya!"),
                    reply("kwame", "Hello from the allotments on the east bank :wave:"));

            topic("ines", "Help & Support", "Tomato leaves curling upwards: should I worry?", """
                    My tomatoes (Gardener's Delight, in grow bags on a south-facing balcony) have leaves curling \
                    upwards since the heatwave last week. No spots, fruit looks fine.

                    Is this a disease or just the heat?
                    """,
                    reply("liwei", """
                            > No spots, fruit looks fine.

                            That sounds like physiological leaf roll: a stress response to heat and uneven watering. \
                            It's harmless. Water deeply in the morning and give them some shade at midday.
                            """),
                    reply("ines", "Thank you! Moved them behind the parasol and the new growth looks flat already."),
                    reply("tomas", "Marking this one for the FAQ, it comes up every summer."));

            topic("arjun", "Help & Support", "Sharing my watering schedule script", """
                    I wrote a tiny script that reads my soil sensor and tells me which beds need water:

                    ```python
                    for bed in beds:
                        if bed.moisture < 0.3:
                            print(f"Water {bed.name} today")
                    ```

                    | Bed      | Threshold |
                    |----------|-----------|
                    | Herbs    | 0.25      |
                    | Tomatoes | 0.35      |

                    Happy to share the wiring too if anyone is interested.
                    """,
                    reply("sofia", "Yes please on the wiring! Which sensor do you use?"),
                    reply("arjun", "A capacitive one, the resistive kind corroded within a month."));

            topic("kwame", "Events & Meetups", "Spring seed swap: Saturday at the community hall", """
                    The spring seed swap is on **Saturday from 10:00 to 13:00** at the community hall.

                    Bring seeds in labelled envelopes (variety and year). Tea and cake provided; the kids' corner \
                    will be sowing sunflowers.
                    """,
                    reply("maya", "I'll bring the spare envelopes and labels from last year."),
                    reply("liwei", "Bringing Chinese long beans and shiso, both saved last autumn."),
                    reply("sofia", "Can't make it in person: could someone pick up some chard seeds for me?"),
                    reply("kwame", "@sofia sure, I'll set some aside."));

            topic("sofia", "Show & Tell", "First harvest from the windowsill herb garden", """
                    Three months ago this was a bag of compost and four seed packets. Today: basil, chives, \
                    parsley and a very enthusiastic mint. Pesto tonight!
                    """,
                    reply("ines", "That mint will take over the world if you let it :sweat_smile:"),
                    reply("arjun", "Beautiful. What window direction?"),
                    reply("sofia", "East: morning sun only, which the parsley seems to love."));

            topic("liwei", "General", "What are you growing this year?", """
                    Let's start a thread: what's new in your garden this year? I'm trying **yardlong beans** and \
                    **bitter melon** for the first time.
                    """,
                    reply("tomas", "Dwarf French beans and a third attempt at cauliflower. Third time lucky."),
                    reply("maya", "Pumpkins for the autumn festival: the kids want one bigger than last year's."));
        }

        /** Two upcoming events (one nearly full, with a waitlist) and a past one with check-ins and a no-show. */
        void events(Instant now) {
            Instant nextSaturday = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(5));
            long swap = event("maya", "Spring seed swap", """
                    Bring seeds, cuttings or just curiosity. Tables, tea and labels provided.
                    """, nextSaturday, Duration.ofHours(3), "Riverside community hall, Mill Lane 4", null, 6, 2);
            rsvp(swap, "ines", "going", 1);
            rsvp(swap, "kwame", "going", 0);
            rsvp(swap, "liwei", "going", 1);
            rsvp(swap, "sofia", "going", 0);
            rsvp(swap, "arjun", "waitlisted", 0);
            long workshop = event("tomas", "Online workshop: composting on a balcony", """
                    A one-hour video call on bokashi buckets and worm bins for small spaces. Questions welcome.
                    """, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(12)), Duration.ofHours(1), null,
                    "https://meet.example.org/riverside-compost", null, 0);
            rsvp(workshop, "sofia", "going", 0);
            rsvp(workshop, "arjun", "interested", 0);
            long visit = event("maya", "Garden visit at the Okafor allotment", """
                    A walk round plot 17: raised beds, the pond and the notorious pumpkin patch.
                    """, now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(10)), Duration.ofHours(2),
                    "Allotments, plot 17", null, 12, 1);
            rsvp(visit, "ines", "going", 0);
            rsvp(visit, "kwame", "going", 1);
            rsvp(visit, "liwei", "going", 0);
            tx.sql().update(EVENT_RSVPS).set(EVENT_RSVPS.CHECKED_IN_AT, now.minus(Duration.ofDays(10)))
                    .where(EVENT_RSVPS.EVENT_ID.eq(visit), EVENT_RSVPS.MEMBER_ID.in(people.get("ines"),
                            people.get("kwame"))).execute();
            tx.sql().update(EVENT_RSVPS).set(EVENT_RSVPS.NO_SHOW, true)
                    .where(EVENT_RSVPS.EVENT_ID.eq(visit), EVENT_RSVPS.MEMBER_ID.eq(people.get("liwei"))).execute();
        }

        private long event(String host, String title, String body, Instant start, Duration length, String venue,
                           String onlineUrl, Integer capacity, int guestLimit) {
            long topicId = discussions.startTopic(tx, people.get(host), categories.get("Events & Meetups"), title,
                    body);
            return tx.sql().insertInto(EVENTS).set(EVENTS.TOPIC_ID, topicId)
                    .set(EVENTS.CATEGORY_ID, categories.get("Events & Meetups")).set(EVENTS.HOST_ID, people.get(host))
                    .set(EVENTS.TITLE, title).set(EVENTS.DESCRIPTION_MARKDOWN, body.strip())
                    .set(EVENTS.DESCRIPTION_HTML, "<p>" + body.strip() + "</p>")
                    .set(EVENTS.STARTS_AT, start).set(EVENTS.ENDS_AT, start.plus(length))
                    .set(EVENTS.TIME_ZONE, "Europe/London").set(EVENTS.VENUE, venue).set(EVENTS.ONLINE_URL, onlineUrl)
                    .set(EVENTS.CAPACITY, capacity).set(EVENTS.GUEST_LIMIT, guestLimit)
                    .set(EVENTS.CHECK_IN_CODE, "SEED" + (10 + categories.size() + people.size() + title.length()))
                    .set(EVENTS.CREATED_AT, clock.instant()).set(EVENTS.UPDATED_AT, clock.instant())
                    .returning(EVENTS.ID).fetchSingle(EVENTS.ID);
        }

        private void rsvp(long eventId, String member, String status, int guests) {
            clock.advance(Duration.ofMinutes(11));
            tx.sql().insertInto(EVENT_RSVPS).set(EVENT_RSVPS.EVENT_ID, eventId)
                    .set(EVENT_RSVPS.MEMBER_ID, people.get(member)).set(EVENT_RSVPS.STATUS, status)
                    .set(EVENT_RSVPS.GUESTS, guests)
                    .set(EVENT_RSVPS.WAITLISTED_AT, "waitlisted".equals(status) ? clock.instant() : null)
                    .set(EVENT_RSVPS.UPDATED_AT, clock.instant()).execute();
            if ("going".equals(status)) {
                tx.sql().update(EVENTS).set(EVENTS.SEATS_TAKEN, EVENTS.SEATS_TAKEN.plus(1 + guests))
                        .where(EVENTS.ID.eq(eventId)).execute();
            }
        }

        private void member(String username, String name, Role role) {
            clock.advance(Duration.ofMinutes(37));
            people.put(username, members.create(tx, username, username + "@example.org", name, role));
        }

        private void category(String name, String description, String color) {
            categories.put(name, discussions.createCategory(tx, name, description, color, categories.size()));
        }

        private void topic(String author, String category, String title, String body, Reply... replies) {
            clock.advance(Duration.ofHours(19));
            long topicId = discussions.startTopic(tx, people.get(author), categories.get(category), title, body);
            for (Reply reply : replies) {
                clock.advance(Duration.ofMinutes(83));
                discussions.reply(tx, people.get(reply.author), topicId, reply.body);
            }
        }

        private static Reply reply(String author, String body) {
            return new Reply(author, body);
        }
    }

    private record Reply(String author, String body) {
    }

    /** A clock that moves only when told to, so the story's timestamps look written over days. */
    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this; // the story is told in instants; zones do not matter to it
        }
    }
}
