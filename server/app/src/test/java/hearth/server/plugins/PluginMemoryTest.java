package hearth.server.plugins;

import static hearth.server.plugins.PluginAdmins.install;
import static hearth.server.plugins.PluginAdmins.press;
import static hearth.server.testing.Members.signUp;
import static hearth.server.plugins.PluginAdmins.upgrade;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disabling, enabling and upgrading a plugin 20 times does not keep old class loaders (and with them every class and
 * static of each old version) alive: after the cycles only the running version's loader may remain.
 */
class PluginMemoryTest {

    @Test
    void oldPluginClassLoadersAreCollected(@TempDir Path dataDir) throws Exception {
        try (TestSite site = TestSite.start(dataDir, "--no-demo")) {
            Browser admin = signUp(site, "Founder");
            assertEquals(303, install(admin, PluginLifecycleTest.greeter("1.0.0").bytes()).statusCode());
            assertEquals(303, press(admin, "greeter", "enable").statusCode());
            List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
            loaders.add(new WeakReference<>(loader(site)));
            for (int cycle = 1; cycle <= 20; cycle++) {
                assertEquals(303, press(admin, "greeter", "disable").statusCode());
                assertEquals(303, press(admin, "greeter", "enable").statusCode());
                loaders.add(new WeakReference<>(loader(site)));
                site.get("/"); // render the plugin's slots and templates with this version
                assertEquals(200, site.get("/x/greeter/members/founder").statusCode()); // and its JSON
                String version = "1." + cycle + ".0";
                assertEquals(303, upgrade(admin, "greeter", PluginLifecycleTest.greeter(version).bytes()).statusCode());
                loaders.add(new WeakReference<>(loader(site)));
                assertEquals(200, site.get("/x/greeter/").statusCode());
            }
            ClassLoader running = loader(site);
            long alive = 0;
            for (int attempt = 0; attempt < 20; attempt++) {
                System.gc();
                Thread.sleep(100);
                alive = loaders.stream().map(WeakReference::get).filter(l -> l != null && l != running).count();
                if (alive == 0) {
                    break;
                }
            }
            assertEquals(0, alive, "class loaders of stopped plugin versions still reachable (of "
                    + loaders.size() + ")");
        }
    }

    private static ClassLoader loader(TestSite site) {
        return site.plugins().active("greeter").orElseThrow().classLoader();
    }
}
