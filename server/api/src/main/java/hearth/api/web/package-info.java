/** Plugin pages: routes, requests, responses, templates and HTML fragments. */
package hearth.api.web;
