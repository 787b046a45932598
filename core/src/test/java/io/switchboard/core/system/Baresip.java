package io.switchboard.core.system;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real softphone for system tests: Debian's baresip-core (installed by scripts/test.sh), configured for loopback
 * only, G.711 only, a 440 Hz tone file as its microphone and a WAV file as its speaker, no sound card. Its
 * {@code out.log} says what it did (registered, call established, RTP arriving, terminated).
 */
final class Baresip
{
    static final File EXECUTABLE = new File("/usr/bin/baresip");
    private static final int RATE = 8000;

    private final Path dir;

    private Baresip(final Path dir)
    {
        this.dir = dir;
    }

    static boolean installed()
    {
        return EXECUTABLE.canExecute();
    }

    /**
     * Writes the configuration of a phone registered as {@code extension} (password {@code demo-<extension>}) to
     * the server's UDP port, with RTP on {@code rtpBase} to {@code rtpBase + 99}.
     */
    static Baresip configure(final Path dir, final String extension, final int serverSipPort, final int rtpBase,
        final boolean autoAnswer) throws IOException
    {
        Files.createDirectories(dir);
        final Path tone = dir.resolve("tone.wav");
        Files.write(tone, toneWav());
        final int port = Sipp.freeUdpPort();
        Files.writeString(dir.resolve("config"), String.join("\n",
            "sip_listen 127.0.0.1:" + port,
            "net_interface 127.0.0.1",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module aufile.so",
            // sndfile writes what the phone sent and what it received (decoded) as WAV files into snd_path.
            "module sndfile.so",
            "snd_path " + dir.resolve("sound"),
            "module_app account.so",
            "module_app menu.so",
            "audio_source aufile," + tone,
            "audio_alert aufile,/dev/null",
            "rtp_ports " + rtpBase + "-" + (rtpBase + 99),
            ""));
        Files.writeString(dir.resolve("accounts"), "<sip:" + extension + "@127.0.0.1:" + serverSipPort
            + ";transport=udp>;auth_pass=demo-" + extension + ";regint=600" + (autoAnswer ? ";answermode=auto" : "")
            + "\n");
        Files.createDirectories(dir.resolve("sound"));
        return new Baresip(dir);
    }

    /** Starts baresip on this configuration with extra arguments ({@code -e "/dial 1002"}, {@code -t 40}). */
    Process start(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(EXECUTABLE.getPath(), "-f", dir.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve("out.log").toFile()).start();
    }

    String log() throws IOException
    {
        return Files.readString(dir.resolve("out.log"));
    }

    /**
     * The loudest sample of what the phone received and decoded (16-bit samples of sndfile's {@code ...-dec.wav},
     * after its header), or -1 when it received nothing: a tone or a beep peaks in the thousands, silence near 0.
     */
    double heardPeak() throws IOException
    {
        final Path heard;
        try (Stream<Path> files = Files.list(dir.resolve("sound")))
        {
            heard = files.filter(file -> file.getFileName().toString().endsWith("dec.wav")).findFirst().orElse(null);
        }
        if (heard == null)
        {
            return -1;
        }
        final ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(heard)).order(ByteOrder.LITTLE_ENDIAN);
        final int header = 44;
        if (wav.limit() <= header)
        {
            return -1;
        }
        int peak = 0;
        for (int at = header; at + 1 < wav.limit(); at += 2)
        {
            peak = Math.max(peak, Math.abs(wav.getShort(at)));
        }
        return peak;
    }

    /** 20 s of a 440 Hz tone, 8 kHz mono 16-bit PCM WAV. */
    static byte[] toneWav()
    {
        final int samples = RATE * 20;
        final ByteBuffer data = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++)
        {
            data.putShort((short)(8000 * Math.sin(2 * Math.PI * 440 * i / (double)RATE)));
        }
        final ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
            .put("fmt ".getBytes()).putInt(16).putShort((short)1).putShort((short)1).putInt(RATE).putInt(RATE * 2)
            .putShort((short)2).putShort((short)16)
            .put("data".getBytes()).putInt(samples * 2);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
