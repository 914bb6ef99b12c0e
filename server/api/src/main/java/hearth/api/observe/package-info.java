/** Request observers: see each request after its response. */
package hearth.api.observe;
