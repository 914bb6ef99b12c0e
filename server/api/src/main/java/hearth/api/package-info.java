/**
 * The Hearth plugin API: the only thing plugins compile against (scope {@code provided}; never bundle it). A plugin
 * is a PF4J jar with one {@link hearth.api.HearthExtension} that declares its {@link hearth.api.Contributions}.
 */
package hearth.api;
