package hearth.server.plugins;

import java.util.concurrent.Callable;

/**
 * Runs plugin code with the plugin's class loader as the thread's context class loader, and puts the previous one
 * back afterwards: libraries that look up classes or services there (Lucene's codecs, JAXB, ...) then find the
 * plugin's.
 */
final class WithClassLoader {

    private WithClassLoader() {
    }

    static <T> T call(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
