/** Permissions: roles, scopes, access policies and the service that decides. */
package hearth.api.access;
