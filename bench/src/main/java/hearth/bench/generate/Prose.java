package hearth.bench.generate;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Forum-like Markdown: paragraphs of plausible community talk with the elements real posts carry (quotes, code
 * blocks, links, lists, emphasis and @mentions), at a length drawn from a log-normal distribution like real replies
 * (most are a few sentences, a few are long write-ups).
 */
public final class Prose {

    private static final List<String> WORDS = List.of(
            "the", "a", "we", "I", "you", "it", "this", "that", "our", "community", "meetup", "event", "topic", "post",
            "thread", "setup", "server", "config", "plugin", "theme", "update", "release", "issue", "fix", "idea",
            "question", "answer", "docs", "guide", "workshop", "talk", "slides", "venue", "schedule", "volunteer",
            "moderator", "member", "newcomer", "welcome", "thanks", "really", "probably", "maybe", "definitely",
            "quickly", "carefully", "finally", "again", "still", "already", "just", "also", "only", "even", "never",
            "always", "sometimes", "works", "breaks", "helps", "needs", "tried", "found", "noticed", "think", "agree",
            "suggest", "prefer", "remember", "wonder", "share", "build", "deploy", "test", "measure", "migrate",
            "restart", "configure", "install", "upgrade", "backup", "restore", "database", "index", "cache", "queue",
            "latency", "memory", "disk", "network", "browser", "mobile", "desktop", "feature", "option", "setting",
            "default", "version", "branch", "commit", "review", "feedback", "proposal", "vote", "poll", "budget",
            "sponsor", "speaker", "attendee", "ticket", "room", "coffee", "lunch", "evening", "weekend", "morning",
            "local", "remote", "online", "hybrid", "recording", "stream", "camera", "microphone", "projector", "badge",
            "with", "without", "for", "from", "about", "after", "before", "during", "because", "although", "when",
            "if", "and", "but", "or", "so", "then", "than", "more", "less", "better", "worse", "faster", "slower",
            "simple", "tricky", "great", "good", "odd", "broken", "stable", "new", "old", "next", "last", "first",
            "is", "are", "was", "were", "has", "have", "had", "can", "could", "should", "would", "will", "did", "does");
    private static final List<String> CODE = List.of(
            "```yaml\nport: 8080\ndb-url: jdbc:mariadb://127.0.0.1:3306/hearth\ndb-pool-size: 10\n```",
            "```java\nvertx.setPeriodic(5_000, id -> refresh());\n```",
            "```sh\ndocker compose up -d\ndocker compose logs -f hearth\n```",
            "```sql\nSELECT id, title FROM topics ORDER BY last_posted_at DESC LIMIT 20;\n```",
            "```\nERROR  Connection refused (127.0.0.1:3306)\n  at connect(Driver.java:42)\n```",
            "`--data-dir` points at the wrong folder");
    private static final List<String> LINKS = List.of(
            "[the docs](https://example.org/docs/getting-started)", "[this write-up](https://example.org/blog/2026/notes)",
            "https://example.org/wiki/FAQ", "[slides](https://example.org/talks/slides.pdf)",
            "[the recording](https://video.example.org/watch?v=abc123)");
    private static final List<String> TITLE_STARTS = List.of(
            "How do I", "Best way to", "Help needed:", "Idea:", "Anyone else unable to", "Proposal:", "Question about",
            "Looking for people to", "Tips to", "Why does it", "Meetup notes:", "Show and tell:");

    private final List<String> usernames;

    public Prose(List<String> usernames) {
        this.usernames = usernames;
    }

    public String title(RandomGenerator random) {
        StringBuilder title = new StringBuilder(pick(TITLE_STARTS, random));
        int words = 3 + random.nextInt(6);
        for (int i = 0; i < words; i++) {
            title.append(' ').append(pick(WORDS, random));
        }
        return title.append(random.nextInt(4) == 0 ? "?" : "").toString();
    }

    /** A post body of log-normal length (median about 280 characters). */
    public String body(RandomGenerator random) {
        int target = (int) Math.min(12_000, Math.max(20, Weighted.logNormal(random, 280, 0.9)));
        StringBuilder body = new StringBuilder(target + 200);
        if (random.nextInt(7) == 0) {
            body.append("> ").append(sentence(random)).append("\n\n");
        }
        while (body.length() < target) {
            int element = random.nextInt(40);
            if (element == 0) {
                body.append(pick(CODE, random)).append("\n\n");
            } else if (element == 1) {
                for (int i = 0, items = 2 + random.nextInt(3); i < items; i++) {
                    body.append("- ").append(sentence(random)).append('\n');
                }
                body.append('\n');
            } else {
                paragraph(body, random);
            }
        }
        return body.toString().strip();
    }

    private void paragraph(StringBuilder out, RandomGenerator random) {
        for (int i = 0, sentences = 1 + random.nextInt(4); i < sentences; i++) {
            out.append(sentence(random)).append(' ');
            int extra = random.nextInt(30);
            if (extra == 0) {
                out.append("See ").append(pick(LINKS, random)).append(". ");
            } else if (extra == 1 && !usernames.isEmpty()) {
                out.append("Thanks @").append(pick(usernames, random)).append("! ");
            }
        }
        out.setLength(out.length() - 1);
        out.append("\n\n");
    }

    private String sentence(RandomGenerator random) {
        StringBuilder sentence = new StringBuilder();
        for (int i = 0, words = 6 + random.nextInt(13); i < words; i++) {
            String word = pick(WORDS, random);
            if (i == 0) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            } else if (random.nextInt(40) == 0) {
                word = "**" + word + "**";
            } else if (random.nextInt(40) == 0) {
                word = "_" + word + "_";
            }
            sentence.append(word).append(' ');
        }
        sentence.setLength(sentence.length() - 1);
        return sentence.append(random.nextInt(6) == 0 ? "?" : ".").toString();
    }

    private static <T> T pick(List<T> items, RandomGenerator random) {
        return items.get(random.nextInt(items.size()));
    }
}
