package hearth.bench.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Who posts what, where and when, decided up front from the seed: the generator then only writes it out. Members'
 * activity follows a power law, topics' reply counts a log-normal distribution, and time runs forward, so post ids,
 * post numbers and topic ids grow with time as they would on a real site.
 */
final class CommunityPlan {

    final Size size;
    final Instant start;
    final Instant end;
    final Weighted activity;
    final double[] memberWeight;

    /** Topics in creation order; topic id = index + 1. */
    final long[] topicCreated;
    final int[] topicAuthor;
    final int[] topicCategory;
    final int[] topicPosts;
    final long[] topicLastPosted;

    /** Posts in time order; post id = index + 1. */
    final long[] postTime;
    final int[] postTopic;
    final int[] postAuthor;
    final int[] postNumber;
    /** Per member, the first time they posted (or Long.MAX_VALUE). */
    final long[] firstActivity;

    CommunityPlan(Size size, long seed, Instant now) {
        this.size = size;
        SplittableRandom random = new SplittableRandom(seed);
        end = now.minus(Duration.ofHours(1));
        start = end.minus(Duration.ofDays(size.historyDays));
        long span = end.toEpochMilli() - start.toEpochMilli();

        memberWeight = Weighted.zipf(size.members, 1.0, random);
        activity = new Weighted(memberWeight);
        Weighted categories = new Weighted(Weighted.zipf(size.categories, 0.7, random));

        int topics = size.topics;
        topicCreated = new long[topics];
        for (int t = 0; t < topics; t++) {
            // More topics lately: the community grows.
            topicCreated[t] = start.toEpochMilli() + (long) (span * Math.sqrt(random.nextDouble()));
        }
        Arrays.sort(topicCreated);
        topicAuthor = new int[topics];
        topicCategory = new int[topics];
        for (int t = 0; t < topics; t++) {
            topicAuthor[t] = activity.pick(random);
            topicCategory[t] = categories.pick(random);
        }

        int replies = size.posts - topics;
        double[] replyWeight = new double[topics];
        double sum = 0;
        for (int t = 0; t < topics; t++) {
            replyWeight[t] = Weighted.logNormal(random, 1, 1.1);
            sum += replyWeight[t];
        }
        topicPosts = new int[topics];
        int given = 0;
        for (int t = 0; t < topics; t++) {
            topicPosts[t] = 1 + (int) (replies * replyWeight[t] / sum);
            given += topicPosts[t] - 1;
        }
        for (int t = 0; given < replies; t = (t + 1) % topics, given++) {
            topicPosts[t]++;
        }

        // Each post as (seconds since start << 31 | topic), sorted: time order, first posts first within a topic.
        long[] keys = new long[size.posts];
        int k = 0;
        for (int t = 0; t < topics; t++) {
            long created = topicCreated[t];
            long room = end.toEpochMilli() - created;
            keys[k++] = ((created - start.toEpochMilli()) / 1000 << 31) | t;
            for (int r = 1; r < topicPosts[t]; r++) {
                // Replies come soon after a topic starts and thin out.
                long at = created + 1000 + (long) (room * Math.pow(random.nextDouble(), 3));
                keys[k++] = ((at - start.toEpochMilli()) / 1000 << 31) | t;
            }
        }
        Arrays.sort(keys);
        postTime = new long[size.posts];
        postTopic = new int[size.posts];
        postAuthor = new int[size.posts];
        postNumber = new int[size.posts];
        topicLastPosted = new long[topics];
        int[] numbered = new int[topics];
        firstActivity = new long[size.members];
        Arrays.fill(firstActivity, Long.MAX_VALUE);
        for (int p = 0; p < keys.length; p++) {
            int topic = (int) (keys[p] & 0x7fffffffL);
            postTopic[p] = topic;
            postTime[p] = start.toEpochMilli() + (keys[p] >>> 31) * 1000 + random.nextInt(1000);
            postNumber[p] = ++numbered[topic];
            postAuthor[p] = postNumber[p] == 1 ? topicAuthor[topic] : activity.pick(random);
            if (postNumber[p] == 1) {
                topicCreated[topic] = postTime[p];
            }
            topicLastPosted[topic] = postTime[p];
            firstActivity[postAuthor[p]] = Math.min(firstActivity[postAuthor[p]], postTime[p]);
        }
    }
}
