package io.switchboard.sip.message;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * The JAIN-SIP RI factories for building messages, headers and addresses. They hold no per-message state,
 * so one instance each serves every thread.
 */
public final class SipFactories
{
    public static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();
    public static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();
    public static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    static
    {
        // Our responses carry our own Server header, not the RI's default User-Agent.
        MESSAGES.setStrict(false);
    }

    private SipFactories()
    {
    }
}
