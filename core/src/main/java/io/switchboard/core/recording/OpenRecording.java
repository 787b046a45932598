package io.switchboard.core.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.media.audio.StereoWavFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recording the writer has open: its WAV and the marks of its sidecar {@code <id>.json}, which is rewritten
 * whole (through a temporary file, moved into place) whenever a mark was added since the last flush, so that a
 * reader never sees half of it. The sidecar's format is what the playback reads:
 * {@code {"marks":[{"atSeconds":1.5,"kind":"hold","detail":""}]}}.
 */
final class OpenRecording
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Frames not yet final kept in memory: two seconds, a flush period and the lag with room to spare. */
    static final int WINDOW_FRAMES = 2 * StereoWavFile.SAMPLE_RATE;

    final long id;
    final long startNs;
    final StereoWavFile wav;
    private final Path sidecar;
    private final List<Map<String, Object>> marks = new ArrayList<>();
    private boolean marksChanged;

    private OpenRecording(final long id, final long startNs, final StereoWavFile wav, final Path sidecar)
    {
        this.id = id;
        this.startNs = startNs;
        this.wav = wav;
        this.sidecar = sidecar;
    }

    /** Creates the WAV (and its folders) and an empty sidecar. */
    static OpenRecording create(final long id, final long startNs, final Path wavPath) throws IOException
    {
        Files.createDirectories(wavPath.getParent());
        final String name = wavPath.getFileName().toString();
        final Path sidecar = wavPath.resolveSibling(name.substring(0, name.length() - ".wav".length()) + ".json");
        final OpenRecording recording = new OpenRecording(id, startNs, StereoWavFile.create(wavPath, WINDOW_FRAMES),
            sidecar);
        recording.marksChanged = true;
        recording.writeMarks();
        return recording;
    }

    void mark(final long atNs, final String kind, final String detail)
    {
        final Map<String, Object> mark = new LinkedHashMap<>();
        mark.put("atSeconds", Math.max(0, Math.round(atNs / 1e6)) / 1000.0);
        mark.put("kind", kind);
        mark.put("detail", detail == null ? "" : detail);
        marks.add(mark);
        marksChanged = true;
    }

    /** Appends what is final by now ({@code nowNs} on the start's clock, less {@code lagNs}), marks if changed. */
    void flush(final long nowNs, final long lagNs) throws IOException
    {
        wav.flush(Math.max(0, nowNs - startNs - lagNs) / RecordingWriter.NS_PER_FRAME);
        writeMarks();
    }

    void close() throws IOException
    {
        try
        {
            wav.close();
        }
        finally
        {
            writeMarks();
        }
    }

    private void writeMarks() throws IOException
    {
        if (!marksChanged)
        {
            return;
        }
        final Path temporary = sidecar.resolveSibling(sidecar.getFileName() + ".tmp");
        Files.write(temporary, JSON.writeValueAsBytes(Map.of("marks", marks)));
        Files.move(temporary, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        marksChanged = false;
    }
}
