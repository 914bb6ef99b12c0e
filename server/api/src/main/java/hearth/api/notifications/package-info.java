/** Notifications: the kinds plugins declare and the service that sends them. */
package hearth.api.notifications;
