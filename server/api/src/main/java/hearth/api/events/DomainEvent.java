package hearth.api.events;

/**
 * Something that happened, recorded in the journal. Implementations are records named in the past tense whose
 * components are plain values (numbers, strings, instants), so they serialise as JSON and replay years later.
 */
public interface DomainEvent {
}
