package hearth.plugins.moderation;

import hearth.api.PluginContext;

/**
 * What every part of the plugin shares: the core's services, who moderates what, the audit log and sanctions.
 */
public record Toolkit(PluginContext context, Staff staff, AuditLog audit, Sanctions sanctions) {
}
