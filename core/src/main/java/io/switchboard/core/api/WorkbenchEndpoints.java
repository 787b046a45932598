package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The agents' web workbench, a static page served from the classpath ({@code web/} in core's resources): {@code GET /}
 * is {@code index.html}, {@code GET /web/{file}} a file of the page with its content type, and {@code GET
 * /web/sip.js/...} the modules of the SIP.js library the page's phone uses (vendored from npm, loaded as ES modules,
 * up to four folders deep). There is no build step: the files are plain HTML, CSS and JavaScript. The page is public
 * (it holds no data; its log-in form and every API call it makes are what is checked). A file is read once and kept.
 * {@code /web/push-sw.js} carries {@code Service-Worker-Allowed: /}, so that the service worker's scope covers
 * {@code /}.
 */
public final class WorkbenchEndpoints
{
    private static final String FOLDER = "web/";
    /** File names of the page: no folders, no dot files. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,80}");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "svg", "image/svg+xml",
        "png", "image/png",
        "ico", "image/x-icon",
        "json", "application/json");

    /** The service worker of the push notifications (web/push.js registers it with the scope {@code /}). */
    private static final String SERVICE_WORKER = "push-sw.js";

    /** SIP.js's modules lie at most this many folders and a file below {@code web/sip.js/}. */
    private static final int LIBRARY_DEPTH = 4;

    private final Map<String, ApiResponse.Raw> files = new ConcurrentHashMap<>();

    public void register(final ApiRouter router)
    {
        router.get("/", Access.PUBLIC, request -> ApiResponse.ok(file("index.html")));
        router.get("/web/{file}", Access.PUBLIC, request ->
        {
            final ApiResponse answer = ApiResponse.ok(file(request.pathParam("file")));
            // the push notifications' service worker lives in /web/ but serves the whole page, at /
            return SERVICE_WORKER.equals(request.pathParam("file"))
                ? answer.withHeader("Service-Worker-Allowed", "/") : answer;
        });
        final StringBuilder pattern = new StringBuilder("/web/sip.js");
        for (int depth = 0; depth < LIBRARY_DEPTH; depth++)
        {
            pattern.append("/{").append((char)('a' + depth)).append('}');
            final int segments = depth + 1;
            router.get(pattern.toString(), Access.PUBLIC, request -> ApiResponse.ok(library(request, segments)));
        }
    }

    /** A module of the SIP.js library: each segment a plain name, the whole path under {@code web/sip.js/}. */
    private ApiResponse.Raw library(final ApiRequest request, final int segments)
    {
        final StringBuilder path = new StringBuilder("sip.js");
        for (int i = 0; i < segments; i++)
        {
            final String segment = request.pathParam(String.valueOf((char)('a' + i)));
            if (!NAME.matcher(segment).matches() || segment.contains(".."))
            {
                throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "no such file: " + segment);
            }
            path.append('/').append(segment);
        }
        return file(path.toString());
    }

    private ApiResponse.Raw file(final String name)
    {
        final boolean plain = NAME.matcher(name).matches() || name.startsWith("sip.js/");
        final String type = plain && !name.contains("..") ? TYPES.get(extension(name)) : null;
        final ApiResponse.Raw found = type == null ? null : files.computeIfAbsent(name, n -> read(n, type));
        if (found == null)
        {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", "no such file: " + name);
        }
        return found;
    }

    private static String extension(final String name)
    {
        final int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file's bytes from the classpath, or null (not cached) when there is no such file. */
    private static ApiResponse.Raw read(final String name, final String type)
    {
        try (InputStream in = WorkbenchEndpoints.class.getClassLoader().getResourceAsStream(FOLDER + name))
        {
            return in == null ? null : new ApiResponse.Raw(in.readAllBytes(), type);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
