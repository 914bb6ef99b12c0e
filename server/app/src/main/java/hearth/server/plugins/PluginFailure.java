package hearth.server.plugins;

/** A plugin failed to start for a reason that is not already one of the typed errors; the message says why. */
final class PluginFailure extends RuntimeException {

    PluginFailure(Throwable cause) {
        super(describe(cause), cause);
    }

    /** One line for the admin: the innermost useful message, with the exception's type when it adds something. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root
                && (root.getMessage() == null || root instanceof PluginFailure)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return root instanceof RuntimeException && root.getClass().getPackageName().startsWith("hearth.")
                ? message : root.getClass().getSimpleName() + ": " + message;
    }
}
