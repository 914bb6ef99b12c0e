/** Read views of core data: stable records, so the core's tables can change without breaking plugins. */
package hearth.api.views;
