package hearth.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whose address a request is: the peer's, or behind trusted proxies the nearest untrusted X-Forwarded-For hop. */
class ClientAddressesTest {

    static final ClientAddresses PROXIED = ClientAddresses.trusting("127.0.0.1, 10.0.0.0/8, fd00::/8");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("203.0.113.9", ClientAddresses.DIRECT.resolve("203.0.113.9", List.of("198.51.100.1")));
        assertEquals("127.0.0.1", ClientAddresses.DIRECT.resolve("127.0.0.1", List.of("198.51.100.1")));
    }

    @Test
    void aTrustedProxyNamesTheClientButWhatTheClientWroteIsNotBelieved() {
        assertEquals("198.51.100.1", PROXIED.resolve("127.0.0.1", List.of("198.51.100.1")));
        // The client wrote 6.6.6.6 itself; the proxy appended the address it saw.
        assertEquals("198.51.100.1", PROXIED.resolve("127.0.0.1", List.of("6.6.6.6, 198.51.100.1")));
        // Two proxies of ours in a row, and the header split over two lines.
        assertEquals("198.51.100.1", PROXIED.resolve("10.1.2.3", List.of("6.6.6.6, 198.51.100.1", "10.9.9.9")));
        assertEquals("2001:db8:0:0:0:0:0:7", PROXIED.resolve("fd12::1", List.of("2001:db8::7")));
    }

    @Test
    void anUntrustedPeerOrAGarbledHopIsTakenAsItIs() {
        assertEquals("203.0.113.9", PROXIED.resolve("203.0.113.9", List.of("198.51.100.1")), "not our proxy");
        assertEquals("127.0.0.1", PROXIED.resolve("127.0.0.1", List.of("198.51.100.1, evil.example")));
        assertEquals("127.0.0.1", PROXIED.resolve("127.0.0.1", List.of()), "no header");
        assertEquals("10.0.0.5", PROXIED.resolve("127.0.0.1", List.of("10.0.0.5")), "a client on our own network");
    }

    @Test
    void aBadListNamesTheEntry() {
        assertEquals("'proxy.example' is not an IP address or a range like 10.0.0.0/8",
                assertThrows(IllegalArgumentException.class,
                        () -> ClientAddresses.trusting("127.0.0.1, proxy.example")).getMessage());
        assertEquals("'10.0.0.0/33' has a prefix length outside 0-32",
                assertThrows(IllegalArgumentException.class, () -> ClientAddresses.trusting("10.0.0.0/33")).getMessage());
        assertEquals("192.0.2.1", PROXIED.resolve("10.255.255.255", List.of("192.0.2.1")), "a /8 covers its end");
        assertEquals("11.0.0.1", PROXIED.resolve("11.0.0.1", List.of("192.0.2.1")), "and nothing past it");
    }

    @Test
    void aSiteBehindAProxyRecordsTheClientsAddress(@TempDir Path dataDir) {
        try (TestSite site = TestSite.start(dataDir, "--no-demo", "--trusted-proxies", "127.0.0.1,::1")) {
            Members.signUp(site, "Ada");
            HttpResponse<String> login = new Browser(site).submit("/login", "/login",
                    Map.of("identifier", "Ada", "password", Members.PASSWORD),
                    "X-Forwarded-For", "6.6.6.6, 198.51.100.23");
            assertEquals(303, login.statusCode(), login.body());
            assertEquals("198.51.100.23", Sql.value(site.database(),
                    "SELECT ip FROM sessions ORDER BY id DESC LIMIT 1"), "the session shows where Ada is");
        }
    }
}
