package io.switchboard.core.trace;

/**
 * The SLF4J MDC key that names the call a log line is about ({@code %X{call}} in logback's pattern): the call's id
 * (the service record's) once the call layer knows the call, else the SIP Call-ID of the message being handled.
 * Set by the worker around each message's handling and by the API around each command on a call, and removed after.
 */
public final class CallLog
{
    /** The MDC key. */
    public static final String KEY = "call";

    private CallLog()
    {
    }
}
