/** The search slot: one provider answers the site search, with a plain core fallback. */
package hearth.api.search;
