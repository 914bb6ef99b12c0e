package hearth.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import hearth.api.events.DomainEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns domain events into journal rows and back: the type is the record's simple name, the payload its JSON.
 * Fields added to an event later read as null/0 from older rows; unknown fields are ignored.
 */
public final class EventCodec {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, Class<? extends DomainEvent>> types = new ConcurrentHashMap<>();

    @SafeVarargs
    public final EventCodec register(Class<? extends DomainEvent>... eventTypes) {
        for (Class<? extends DomainEvent> type : eventTypes) {
            Class<? extends DomainEvent> before = types.putIfAbsent(typeName(type), type);
            if (before != null && before != type) {
                throw new IllegalArgumentException("Two event types are named " + typeName(type) + ": "
                        + before.getName() + " and " + type.getName());
            }
        }
        return this;
    }

    public String typeName(Class<? extends DomainEvent> type) {
        return type.getSimpleName();
    }

    String encode(DomainEvent event) {
        if (!types.containsKey(typeName(event.getClass()))) {
            throw new IllegalArgumentException("Event type " + event.getClass().getName() + " is not registered");
        }
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + event, e);
        }
    }

    /** Empty when the type is not registered here (e.g. its plugin is not loaded). */
    Optional<DomainEvent> decode(String type, String payload) {
        Class<? extends DomainEvent> cls = types.get(type);
        if (cls == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(payload, cls));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Journal payload of type " + type + " is unreadable: " + payload, e);
        }
    }
}
