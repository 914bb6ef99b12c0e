package hearth.server.web;

import hearth.server.config.ConfigException;
import hearth.server.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

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
    private volatile List<String> routes = List.of();
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
        // Vert.x shares one random port among instances only when asked for a negative port.
        int listenPort = port == 0 ? -1 : port;
        ServerInstance first = new ServerInstance(listenPort);
        deploy(first);
        for (int i = 1; i < instances; i++) {
            deploy(new ServerInstance(listenPort));
        }
        actualPort = first.server.actualPort();
        return actualPort;
    }

    private void deploy(ServerInstance instance) {
        try {
            deployments.add(vertx.deployVerticle(instance).toCompletionStage().toCompletableFuture().join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("already in use")) {
                throw new ConfigException(Setting.PORT, "Port " + port + " on " + host + " is already in use");
            }
            throw new ConfigException(Setting.HOST, "Cannot listen on " + host + ":" + port + ": " + cause);
        }
    }

    public int port() {
        return actualPort;
    }

    /** Every route as "METHOD /path" (parameters as {name}), for checking the API description against them. */
    public List<String> routes() {
        return routes;
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
                    .setTcpNoDelay(true)
                    // A post's body is one form field of up to 20,000 characters (4 bytes each at most in UTF-8).
                    .setMaxFormAttributeSize(128 * 1024);
            Router built = router.build(vertx);
            routes = built.getRoutes().stream()
                    .filter(route -> route.getPath() != null)
                    .flatMap(route -> route.methods() == null ? java.util.stream.Stream.<String>empty()
                            : route.methods().stream().map(method -> method.name() + " "
                                    + route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}")))
                    .distinct().sorted().toList();
            server = vertx.createHttpServer(options).requestHandler(built);
            return server.listen(listenPort, host);
        }

        @Override
        public Future<?> stop() {
            return server.shutdown(shutdownTimeout);
        }
    }
}
