/** The plugin's own tables. */
package hearth.api.data;
