/** Notification kinds that plugins declare. */
package hearth.api.notifications;
