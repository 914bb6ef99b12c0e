/** Typed plugin settings with a generated admin form. */
package hearth.api.settings;
