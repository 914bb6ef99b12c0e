/** Scheduled tasks: interval jobs with one runner across the site's nodes. */
package hearth.api.tasks;
