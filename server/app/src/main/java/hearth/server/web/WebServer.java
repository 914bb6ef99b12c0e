package hearth.server.web;

import hearth.server.config.ConfigException;
import hearth.server.config.Setting;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP server: one instance per core, all on the same port. Stopping it is graceful: the servers stop accepting
 * connections and in-flight requests get the shutdown timeout to finish.
 */
public final class WebServer {

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final Duration shutdownTimeout;
    private final SiteRouter router;
    private final int instances;
    private final List<String> deployments = new ArrayList<>();
    private int actualPort;

    public WebServer(Vertx vertx, String host, int port, Duration shutdownTimeout, SiteRouter router, int instances) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.shutdownTimeout = shutdownTimeout;
        this.router = router;
        this.instances = instances;
    }

    /** Starts listening and returns the port (useful when the configured port is 0). */
    public int start() {
        ServerInstance first = new ServerInstance(port);
        deploy(first);
        actualPort = first.server.actualPort();
        for (int i = 1; i < instances; i++) {
            deploy(new ServerInstance(actualPort));
        }
        return actualPort;
    }

    private void deploy(ServerInstance instance) {
        try {
            deployments.add(vertx.deployVerticle(instance).await());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof BindException || String.valueOf(e.getMessage()).contains("already in use")) {
                throw new ConfigException(Setting.PORT, "Port " + port + " on " + host + " is already in use");
            }
            throw new ConfigException(Setting.HOST, "Cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    public int port() {
        return actualPort;
    }

    /** Stops accepting connections and waits (up to the shutdown timeout) for in-flight requests. */
    public void stop() {
        List<Future<Void>> undeploys = deployments.stream().map(vertx::undeploy).toList();
        deployments.clear();
        Future.join(undeploys).await();
    }

    private final class ServerInstance extends VerticleBase {
        private final int listenPort;
        private HttpServer server;

        ServerInstance(int listenPort) {
            this.listenPort = listenPort;
        }

        @Override
        public Future<?> start() {
            HttpServerOptions options = new HttpServerOptions()
                    .setCompressionSupported(true)
                    .setCompressionContentSizeThreshold(1024)
                    .setIdleTimeout(120)
                    .setTcpNoDelay(true);
            server = vertx.createHttpServer(options).requestHandler(router.build(vertx));
            return server.listen(listenPort, host);
        }

        @Override
        public Future<?> stop() {
            return server.shutdown(shutdownTimeout);
        }
    }
}
