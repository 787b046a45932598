package io.switchboard.core.api;

/** Handles one route. Runs on the API event loop: it must not block; state owned elsewhere is read or proxied. */
@FunctionalInterface
public interface ApiHandler
{
    ApiResponse handle(ApiRequest request) throws Exception;
}
