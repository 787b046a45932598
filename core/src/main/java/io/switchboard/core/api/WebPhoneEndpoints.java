package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.core.auth.Account;
import io.switchboard.core.auth.WebPhoneTokens;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workbench's own phone: {@code POST /api/me/web-phone} gives the signed-in account what its page needs to
 * register the account's extension over SIP on WebSocket (RFC 7118): the extension, a password valid while this
 * session lives (never the extension's own), the SIP domain, and the ws/wss ports and path; the page builds the URL
 * with its own host name, so that it reaches the server the way it reached the page. {@code DELETE} gives the
 * password back (the page switched to a desk phone). Both on the API's loop, which owns the tokens.
 */
public final class WebPhoneEndpoints
{
    /** Where the page's phone registers: the tenant's domain and the server's WebSocket listeners (-1: off). */
    public record Site(String domain, int wsPort, int wssPort, String path)
    {
    }

    private final WebPhoneTokens tokens;
    private final Site site;

    public WebPhoneEndpoints(final WebPhoneTokens tokens, final Site site)
    {
        this.tokens = tokens;
        this.site = site;
    }

    public void register(final ApiRouter router)
    {
        router.post("/api/me/web-phone", Access.SIGNED_IN, this::issue);
        router.delete("/api/me/web-phone", Access.SIGNED_IN, request ->
        {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("revoked", request.token() != null && tokens.revoke(request.token()));
            return ApiResponse.ok(body);
        });
    }

    private ApiResponse issue(final ApiRequest request)
    {
        final Account account = request.account();
        if (account.extension() == null)
        {
            throw new ApiException(HttpResponseStatus.CONFLICT, "no_extension",
                "this account has no extension to use as a phone");
        }
        if (site.wsPort() < 0 && site.wssPort() < 0)
        {
            throw new ApiException(HttpResponseStatus.CONFLICT, "no_websocket",
                "the server has no SIP WebSocket listener (sip.wsPort, sip.wssPort)");
        }
        final WebPhoneTokens.Token token = tokens.issue(request.token(), account.extension());
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("extension", token.extension());
        body.put("password", token.password());
        body.put("domain", site.domain());
        body.put("wsPort", site.wsPort() < 0 ? null : site.wsPort());
        body.put("wssPort", site.wssPort() < 0 ? null : site.wssPort());
        body.put("path", site.path());
        return ApiResponse.ok(body);
    }
}
