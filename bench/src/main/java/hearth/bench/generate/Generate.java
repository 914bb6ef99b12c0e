package hearth.bench.generate;

import hearth.server.Hearth;
import hearth.server.accounts.Passwords;
import hearth.server.config.ConfigLoader;
import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import hearth.server.discussions.Markdown;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generate --size large [--seed 42] [Hearth's database options]}: fills the database that Hearth with those
 * options would use (brought up to date by the same migrations first) and prints a one-line JSON summary.
 */
public final class Generate {

    private Generate() {
    }

    public static void main(String[] args) {
        Size size = Size.SMALL;
        long seed = 42;
        List<String> hearthFlags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Size.parse(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> hearthFlags.add(args[i]);
            }
        }
        HearthConfig config = ConfigLoader.load(hearthFlags, System.getenv());
        Vertx vertx = Vertx.vertx();
        try (Database db = Hearth.openDatabase(config, vertx, Clock.systemUTC())) {
            String hash = new Passwords(Passwords.Argon2Params.OWASP, new SecureRandom())
                    .hash(CommunityGenerator.PASSWORD.toCharArray());
            CommunityGenerator.Summary summary = new CommunityGenerator(db, new Markdown(),
                    line -> System.err.println("generate: " + line))
                    .generate(size, seed, Clock.systemUTC().instant(), hash);
            System.out.println(summary.toJson());
        } finally {
            vertx.close().await();
        }
    }
}
