package hearth.server.plugins;

import hearth.server.plugins.ActivePlugins.Active;
import hearth.server.plugins.Contribution.SlotPart;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the parts of each slot: every part comes after the parts of the plugins it names in {@code after}, ties in
 * plugin-id order. Names of plugins that are not running are ignored; a cycle is broken in plugin-id order.
 */
final class SlotOrder {

    private SlotOrder() {
    }

    /** {@code running} must be in plugin-id order. */
    static Map<String, List<Owned<SlotPart>>> arrange(Collection<Active> running) {
        Map<String, List<Owned<SlotPart>>> bySlot = new LinkedHashMap<>();
        for (Active active : running) {
            for (SlotPart part : active.contribution().slots()) {
                bySlot.computeIfAbsent(part.slot(), s -> new ArrayList<>()).add(active.own(part));
            }
        }
        Map<String, List<Owned<SlotPart>>> ordered = new HashMap<>();
        bySlot.forEach((slot, parts) -> ordered.put(slot, List.copyOf(order(parts))));
        return Map.copyOf(ordered);
    }

    private static List<Owned<SlotPart>> order(List<Owned<SlotPart>> parts) {
        Set<String> present = new HashSet<>();
        parts.forEach(p -> present.add(p.pluginId()));
        List<Owned<SlotPart>> pending = new ArrayList<>(parts);
        List<Owned<SlotPart>> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (!pending.isEmpty()) {
            Owned<SlotPart> next = pending.stream()
                    .filter(p -> p.value().after().stream().noneMatch(a -> present.contains(a) && !placed.contains(a)
                            && !a.equals(p.pluginId())))
                    .findFirst()
                    .orElse(pending.getFirst()); // a cycle: take the first by plugin id
            pending.remove(next);
            out.add(next);
            if (pending.stream().noneMatch(p -> p.pluginId().equals(next.pluginId()))) {
                placed.add(next.pluginId());
            }
        }
        return out;
    }
}
