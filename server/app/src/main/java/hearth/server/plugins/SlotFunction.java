package hearth.server.plugins;

import hearth.api.slots.SlotContext;
import hearth.api.web.Html;
import hearth.server.accounts.Viewer;
import hearth.server.plugins.Contribution.SlotPart;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code slot(name, subject)} function of the templates: renders the running plugins' parts of a slot in their
 * order. A part that throws is left out (and counted against its plugin); the page renders regardless.
 */
public final class SlotFunction extends AbstractExtension implements Function {

    private final ActivePlugins active;
    private final PluginFaults faults;

    public SlotFunction(ActivePlugins active, PluginFaults faults) {
        this.active = active;
        this.faults = faults;
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of("slot", this);
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of("name", "subject");
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
        String name = String.valueOf(args.get("name"));
        List<Owned<SlotPart>> parts = active.slot(name);
        if (parts.isEmpty()) {
            return new SafeString("");
        }
        Object viewer = context.getVariable("viewer");
        Object path = context.getVariable("path");
        SlotContext slot = new SlotContext(name, path == null ? "" : path.toString(),
                viewer instanceof Viewer v ? Optional.of(v.asMemberView()) : Optional.empty(),
                Optional.ofNullable(args.get("subject")));
        StringBuilder html = new StringBuilder();
        for (Owned<SlotPart> part : parts) {
            Html rendered = faults.call(part, "slot " + name, () -> part.value().renderer().render(slot), Html.EMPTY);
            html.append(rendered == null ? "" : rendered.markup());
        }
        return new SafeString(html.toString());
    }
}
