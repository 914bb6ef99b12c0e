package hearth.server.db;

/** A migration could not be applied, or the schema does not match the migrations; the message is for operators. */
public final class MigrationFailed extends RuntimeException {

    public MigrationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
