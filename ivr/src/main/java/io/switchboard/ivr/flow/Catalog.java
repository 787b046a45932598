package io.switchboard.ivr.flow;

/** What a flow may refer to, as the server knows it when the flow is saved or published. */
public interface Catalog
{
    boolean groupExists(String name);

    /** Whether the audio exists; {@code approved} whether it may be used in a published flow. */
    boolean audioExists(String id);

    boolean audioApproved(String id);

    /** Whether text to speech can be rendered (espeak-ng is installed) in this voice. */
    boolean speechAvailable(String voice);
}
