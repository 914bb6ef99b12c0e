package hearth.api;

/**
 * The version of this API, in semantic versioning: a new minor version only adds, a new major version may break.
 * A plugin states the range it was built for in its manifest ({@code Plugin-Requires: >=1.0.0 & <2.0.0}); the server
 * refuses to install a plugin whose range does not include this version.
 */
public final class HearthApi {

    /** The API version this server provides. */
    public static final String VERSION = "1.3.0";

    private HearthApi() {
    }
}
