package hearth.server.plugins;

import hearth.api.observe.RequestObserver;
import hearth.api.search.SearchProvider;
import hearth.server.plugins.Contribution.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contributions of plugins that exist only in a test, published straight into {@link ActivePlugins}. */
final class FakePlugins {

    private FakePlugins() {
    }

    static Contribution contribution(String pluginId, List<SearchProvider> search, List<TaskSpec> tasks,
                                     List<RequestObserver> observers) {
        return new Contribution(pluginId, List.of(), List.of(), Optional.empty(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), search, tasks, observers, List.of(), Map.of(), List.of());
    }

    static void searching(ActivePlugins plugins, String pluginId, SearchProvider provider) {
        publish(plugins, contribution(pluginId, List.of(provider), List.of(), List.of()));
    }

    static void scheduling(ActivePlugins plugins, String pluginId, TaskSpec... tasks) {
        publish(plugins, contribution(pluginId, List.of(), List.of(tasks), List.of()));
    }

    static void observing(ActivePlugins plugins, String pluginId, RequestObserver... observers) {
        publish(plugins, contribution(pluginId, List.of(), List.of(), List.of(observers)));
    }

    static void publish(ActivePlugins plugins, Contribution contribution) {
        plugins.publish(new ActivePlugins.Active(contribution, FakePlugins.class.getClassLoader()));
    }
}
