package hearth.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The trivial Vert.x endpoint every figure is read against: {@code GET /} answers a short text from memory, on one
 * event loop per core like Hearth. What wrk gets from it is what this machine can do at all over loopback.
 */
public final class UpperBound {

    private UpperBound() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        int loops = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
                    .requestHandler(request -> request.response().putHeader("content-type", "text/plain")
                            .end("hello, hearth"))
                    .listen().await();
        }
        System.out.println("upper bound listening on " + port);
    }
}
