package io.switchboard.core.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recording writer driven by hand: its duty cycle called by the test, its clocks the test's. */
class RecordingWriterTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock DAY = Clock.fixed(Instant.parse("2026-12-08T10:00:00Z"), ZoneOffset.UTC);
    private static final long MS = 1_000_000L;

    @TempDir
    Path root;
    private long now = 1_000_000_000L;
    private final ByteBuf packet = Unpooled.buffer(172);

    RecordingWriterTest()
    {
        packet.writeZero(12);
        for (int i = 0; i < 160; i++)
        {
            packet.writeByte(G711.linearToUlaw(4000));
        }
    }

    private RecordingWriter writer(final RecordingQueue queue, final long minFree) throws Exception
    {
        return new RecordingWriter(root, queue, () -> now, DAY, 30, minFree);
    }

    @Test
    void shouldWriteBothChannelsWithAValidHeaderAfterEveryFlushAndTheMarksBeside() throws Exception
    {
        final RecordingQueue queue = new RecordingQueue(64 * 1024);
        final RecordingWriter writer = writer(queue, 0);
        final long start = now;
        queue.control(new RecordingQueue.Start(7, "2026/12/08/7.wav", start));
        final Path wav = root.resolve("2026/12/08/7.wav");
        long lastSize = -1;
        for (int n = 0; n < 150; n++)
        {
            now = start + n * 20 * MS;
            for (int channel = 0; channel < 2; channel++)
            {
                assertTrue(queue.audio(RecordingQueue.scratch(), 7, now - start, channel, false, packet, 12, 160));
            }
            if (n == 60)
            {
                queue.control(new RecordingQueue.Mark(7, 1500 * MS, "hold", ""));
            }
            writer.doWork();
            if (Files.exists(wav) && Files.size(wav) != lastSize)
            {
                lastSize = Files.size(wav);
                assertHeaderMatches(wav);
            }
        }
        assertEquals(1, writer.openCount());
        assertTrue(lastSize > 44 + 8000 * 4, "flushed about once a second while the call goes on: " + lastSize);
        queue.control(new RecordingQueue.Stop(7));
        writer.doWork();
        assertEquals(0, writer.openCount());
        assertHeaderMatches(wav);
        final ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(149 * 160 * 4 + 160 * 4, data.getInt(40), "up to the last packet");
        final short expected = (short)G711.ulawToLinear(G711.linearToUlaw(4000));
        assertEquals(expected, data.getShort(44 + 10 * 4), "frame 10: the left channel's packet 0");
        assertEquals(expected, data.getShort(44 + 23_999 * 4 + 2), "the right channel's last frame");
        final JsonNode marks = JSON.readTree(root.resolve("2026/12/08/7.json").toFile());
        assertEquals("{\"marks\":[{\"atSeconds\":1.5,\"kind\":\"hold\",\"detail\":\"\"}]}", marks.toString());
        assertEquals(0, writer.failures());
    }

    @Test
    void shouldDropAndCountWhenTheQueueIsFullAndMarkTheGap() throws Exception
    {
        final RecordingQueue queue = new RecordingQueue(4096);
        final RecordingWriter writer = writer(queue, 0);
        final long start = now;
        queue.control(new RecordingQueue.Start(9, "2026/12/08/9.wav", start));
        writer.doWork();
        final CallRecording tap = new CallRecording(9, start, queue, RecordingQueue.scratch());
        int sent = 0;
        while (queue.dropped() == 0)
        {
            now += 20 * MS;
            tap.onAudio(null, packet, 12, 160, false, now);
            sent++;
        }
        assertTrue(sent > 5 && sent < 40, "a 4 KiB ring holds some 20 packets: " + sent);
        now += 20 * MS;
        tap.onAudio(null, packet, 12, 160, false, now);
        assertEquals(2, queue.dropped(), "each packet that found the ring full");
        writer.doWork();
        now += 20 * MS;
        tap.onAudio(null, packet, 12, 160, false, now);
        assertEquals(2, queue.dropped(), "taken again once the writer read the ring");
        queue.control(new RecordingQueue.Stop(9));
        writer.doWork();
        final JsonNode marks = JSON.readTree(root.resolve("2026/12/08/9.json").toFile()).get("marks");
        assertEquals(1, marks.size(), marks::toString);
        assertEquals("gap", marks.get(0).get("kind").asText());
        assertEquals(sent * 0.02, marks.get(0).get("atSeconds").asDouble(), 0.001, "where the first drop was");
        assertTrue(marks.get(0).get("detail").asText().startsWith("0.040 s lost"), marks::toString);
    }

    @Test
    void shouldStartNothingBelowTheFreeSpaceThreshold() throws Exception
    {
        final RecordingQueue queue = new RecordingQueue(64 * 1024);
        final RecordingWriter writer = writer(queue, Long.MAX_VALUE);
        assertTrue(queue.diskLow());
        assertFalse(queue.accepting());
        queue.control(new RecordingQueue.Start(3, "2026/12/08/3.wav", now));
        writer.doWork();
        assertEquals(0, writer.openCount());
        assertFalse(Files.exists(root.resolve("2026/12/08/3.wav")));
    }

    @Test
    void shouldDeleteRecordingsOlderThanTheRetentionOnceADay() throws Exception
    {
        for (final String day : new String[] {"2026/10/31", "2026/11/07", "2026/11/08", "2026/12/08"})
        {
            Files.createDirectories(root.resolve(day));
            Files.writeString(root.resolve(day).resolve("1.wav"), "x");
            Files.writeString(root.resolve(day).resolve("1.json"), "{}");
        }
        Files.writeString(root.resolve("notes.txt"), "kept");
        final RecordingWriter writer = writer(new RecordingQueue(64 * 1024), 0);
        writer.doWork();
        assertTrue(Files.exists(root.resolve("2026/10/31/1.wav")), "not before the first beat");
        now += RecordingWriter.FLUSH_PERIOD_NS;
        writer.doWork();
        assertFalse(Files.exists(root.resolve("2026/10")), "October's folder gone with its only day");
        assertFalse(Files.exists(root.resolve("2026/11/07")), "31 days before the 8th of December");
        assertTrue(Files.exists(root.resolve("2026/11/08/1.wav")), "30 days before: kept");
        assertTrue(Files.exists(root.resolve("2026/12/08/1.json")));
        assertTrue(Files.exists(root.resolve("notes.txt")));
        assertEquals(0, RetentionSweep.sweep(root, java.time.LocalDate.of(2026, 12, 8), 0), "0 keeps everything");
    }

    private static void assertHeaderMatches(final Path wav) throws Exception
    {
        final byte[] bytes = Files.readAllBytes(wav);
        final ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(bytes.length - 8, header.getInt(4), "RIFF size");
        assertEquals(bytes.length - 44, header.getInt(40), "data size");
        assertEquals(2, header.getShort(22), "stereo");
        assertEquals(8000, header.getInt(24));
    }
}
