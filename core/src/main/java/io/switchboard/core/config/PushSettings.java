package io.switchboard.core.config;

/**
 * Web Push notifications of new chats to the agents' browsers (RFC 8030, RFC 8291, RFC 8292 VAPID). The VAPID key
 * pair is made at the first start in {@code <dataDir>/push}; the subject is what a push service may write to when
 * our messages trouble it.
 */
public final class PushSettings
{
    /** Off: no key is made, the endpoints answer 404 {@code push_off} and nothing is sent. */
    public boolean enabled = true;
    /**
     * RFC 8292 §2.1 {@code sub}: a {@code mailto:} or {@code https:} URI of the operator. Null: {@code
     * mailto:admin@<tenant.domain>} (some push services refuse a subject they cannot reach: set a real one).
     */
    public String subject;
    /** How long a push service keeps a message for a browser that is not connected (RFC 8030 §5.2 TTL). */
    public int ttlSeconds = 60;
    /**
     * Whether {@code http://} endpoints on a loopback address are accepted (tests run a push service there); other
     * endpoints must be {@code https://} whatever this says.
     */
    public boolean allowLoopbackHttp;

    void conclude(final String domain)
    {
        if (subject == null || subject.isBlank())
        {
            subject = "mailto:admin@" + domain;
        }
        SwitchboardConfig.require(subject.startsWith("mailto:") || subject.startsWith("https:"),
            "push.subject must be a mailto: or https: URI");
        SwitchboardConfig.require(ttlSeconds >= 0 && ttlSeconds <= 28 * 24 * 3600,
            "push.ttlSeconds must be 0..2419200 (four weeks)");
    }
}
