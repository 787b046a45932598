package io.switchboard.sip.message;

import gov.nist.javax.sip.header.ContentType;

import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;
import java.text.ParseException;

/** Message bodies and their Content-Type (RFC 3261 §7.4, §20.15): set, copied, read. */
public final class Bodies
{
    private Bodies()
    {
    }

    /** Copies the body and its Content-Type from one message to another (a relayed request or response). */
    public static void copy(final Message from, final Message to)
    {
        final byte[] body = from.getRawContent();
        final ContentTypeHeader type = (ContentTypeHeader)from.getHeader(ContentTypeHeader.NAME);
        if (body != null && body.length > 0 && type != null)
        {
            try
            {
                to.setContent(body, (ContentType)type.clone());
            }
            catch (final ParseException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Sets an SDP body ({@code application/sdp}). */
    public static void setSdp(final Message message, final byte[] sdp)
    {
        set(message, "application", "sdp", sdp);
    }

    public static void set(final Message message, final String type, final String subType, final byte[] body)
    {
        try
        {
            message.setContent(body, SipFactories.HEADERS.createContentTypeHeader(type, subType));
        }
        catch (final ParseException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The body's media type in lower case ("application/sdp"), or null without a Content-Type. */
    public static String contentType(final Message message)
    {
        final ContentTypeHeader type = (ContentTypeHeader)message.getHeader(ContentTypeHeader.NAME);
        return type == null ? null : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase();
    }

    public static boolean has(final Message message)
    {
        final byte[] body = message.getRawContent();
        return body != null && body.length > 0;
    }
}
