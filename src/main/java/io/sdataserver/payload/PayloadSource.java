package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;

/**
 * The payload of a request as its format presents it (§9.2), before the URL says which resource it must hold.
 * {@link PayloadReader} applies every rule of §9.2 to it and to what it opens ({@link SentResource},
 * {@link SentValue}, {@link SentList}); a format's adapter only answers what was sent, and refuses what its own
 * syntax gets wrong (Atom: atom/AtomPayloadSource).
 */
public interface PayloadSource {
    /**
     * The resource sent, which the URL expects to be a {@code name} of {@code type} ({@code name} is the contract's:
     * the kind's, or the child property's item or own name). A payload holding another resource is refused with a
     * 400 WrongPayloadElement.
     */
    SentResource resource(EntityType type, String name);
}
