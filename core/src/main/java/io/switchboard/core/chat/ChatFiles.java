package io.switchboard.core.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.chat.desk.ChatDesk;
import io.switchboard.chat.session.ChatFile;
import io.switchboard.chat.session.ChatMessage;
import io.switchboard.chat.session.ChatSession;
import io.switchboard.core.api.ApiException;
import io.switchboard.core.auth.Account;
import io.switchboard.core.records.ChatDetails;
import io.switchboard.core.records.ServiceRecord;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Images and files in chats, as both the agents' API and the visitors' endpoint use them, on the API's loop (the
 * desk's owner): an upload is checked (its kind, its size, its type sniffed from the bytes), stored on the file
 * store's thread, then sent as a message of the session back on the loop; a download is allowed to the session's
 * visitor, to the agents who served the session and to administrators, and is served with its sniffed type, inline
 * for an image and as an attachment for a file, never sniffed again by the browser.
 */
final class ChatFiles
{
    /** An image is at most 5 MB. */
    static final long IMAGE_LIMIT = 5L * 1024 * 1024;
    private static final int MAX_NAME = 120;

    private final ChatFileStore store;
    private final long fileLimit;
    private final ChatDesk desk;
    private final LongFunction<ServiceRecord> chatRecord;
    private final Executor loop;

    /**
     * @param fileLimit  the largest file (not image) in bytes, the tenant's setting
     * @param chatRecord an ended session's service record by session id, or null (the records' store, on the loop)
     */
    ChatFiles(final ChatFileStore store, final long fileLimit, final ChatDesk desk,
        final LongFunction<ServiceRecord> chatRecord, final Executor loop)
    {
        this.store = store;
        this.fileLimit = fileLimit;
        this.desk = desk;
        this.chatRecord = chatRecord;
        this.loop = loop;
    }

    /** The largest body an upload route takes. */
    long largestUpload()
    {
        return Math.max(IMAGE_LIMIT, fileLimit);
    }

    /**
     * Checks and stores an upload to the session, then has {@code send} post it (on the loop); the future has the
     * message. Refusals are {@link ApiException}s: 413 too large, 400 empty, not an image, or an unknown kind.
     */
    CompletableFuture<ChatMessage> upload(final ChatSession session, final byte[] bytes, final String kind,
        final String name, final Function<ChatFile, CompletableFuture<ChatMessage>> send)
    {
        final String type = check(bytes, kind == null ? ChatFile.FILE : kind);
        return store.store(bytes, kind == null ? ChatFile.FILE : kind, sanitise(name), type, session.id(),
            session.visitorId()).thenComposeAsync(stored -> send.apply(stored.file()), loop);
    }

    /** The upload with its bytes, if {@code allowed} says the one asking may read it; else null, as for none. */
    CompletableFuture<ChatFileStore.Loaded> download(final String id,
        final java.util.function.Predicate<ChatFileStore.Stored> allowed)
    {
        return store.load(id).thenApplyAsync(loaded -> loaded != null && allowed.test(loaded.stored())
            ? loaded : null, loop);
    }

    /** Whether the account may read an upload: an administrator, or an agent who served its session. */
    boolean agentMay(final Account account, final ChatFileStore.Stored stored)
    {
        if (account.admin())
        {
            return true;
        }
        final String staffNo = account.staffNo();
        if (staffNo == null)
        {
            return false;
        }
        final ChatSession live = desk.session(stored.session());
        if (live != null)
        {
            return live.servedBy().contains(staffNo);
        }
        final ServiceRecord record = chatRecord.apply(stored.session());
        if (record == null)
        {
            return false;
        }
        if (record.agents().contains(staffNo))
        {
            return true;
        }
        // an agent who served before a transfer wrote in the transcript (the record names the last agent)
        return record.chat() != null && record.chat().transcript() != null && record.chat().transcript().stream()
            .map(ChatDetails.Line::staffNo).anyMatch(staffNo::equals);
    }

    /** The headers a download is served with. */
    static Map<String, String> headers(final ChatFile file)
    {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", file.type());
        headers.put("X-Content-Type-Options", "nosniff");
        final String ascii = file.name().replaceAll("[^A-Za-z0-9._ -]", "_");
        final boolean inline = ChatFile.IMAGE.equals(file.kind()) && FileSniffer.IMAGES.contains(file.type());
        headers.put("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\"" + ascii
            + "\"; filename*=UTF-8''" + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        // nothing in a served file may run, even if a browser were to render it
        headers.put("Content-Security-Policy", "default-src 'none'; sandbox");
        headers.put("Cache-Control", "private, max-age=86400");
        return headers;
    }

    /** The type sniffed from the bytes, if they may be sent as {@code kind}. */
    private String check(final byte[] bytes, final String kind)
    {
        if (!ChatFile.IMAGE.equals(kind) && !ChatFile.FILE.equals(kind))
        {
            throw ApiException.badRequest("\"kind\" is image or file");
        }
        if (bytes.length == 0)
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "empty", "the upload has no bytes");
        }
        final long limit = ChatFile.IMAGE.equals(kind) ? IMAGE_LIMIT : fileLimit;
        if (bytes.length > limit)
        {
            throw new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "an " + kind
                + " is at most " + megabytes(limit) + " (this one has " + bytes.length + " bytes)");
        }
        final String type = FileSniffer.type(bytes);
        if (ChatFile.IMAGE.equals(kind) && !FileSniffer.IMAGES.contains(type))
        {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, "not_an_image",
                "an image is a bmp, jpeg, gif or png file; these bytes are none of them");
        }
        return type;
    }

    static String megabytes(final long bytes)
    {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    /** The name kept for the download: its last path part, without control or quote characters, clipped. */
    static String sanitise(final String name)
    {
        String clean = name == null ? "" : name.replace('\\', '/');
        clean = clean.substring(clean.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>:*?|]", "_").strip();
        if (clean.isEmpty() || clean.chars().allMatch(c -> c == '.'))
        {
            clean = "file";
        }
        return clean.length() <= MAX_NAME ? clean : clean.substring(clean.length() - MAX_NAME);
    }
}
