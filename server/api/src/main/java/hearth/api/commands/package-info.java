/** Commands plugins add to the server's command line. */
package hearth.api.commands;
