package io.switchboard.core.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real softphone on both sides: two baresip (Debian's baresip-core, installed by scripts/test.sh) register with
 * digest, 1001 calls 1002, which answers automatically; both must see the call established and receive RTP from
 * each other (media still flows end to end), and the caller's hang-up must end the call on both legs. Loopback only.
 */
@Timeout(120)
class BaresipInteropSystemTest extends ServerSystemTest
{
    @Test
    void shouldConnectTwoBaresipPhones() throws Exception
    {
        assumeTrue(new File("/usr/bin/baresip").canExecute(), "baresip is not installed (scripts/test.sh installs it)");
        final Path root = Files.createDirectories(Sipp.ROOT.resolve("core/target/baresip"));
        final Path tone = root.resolve("tone.wav");
        Files.write(tone, toneWav());
        final Path callee = phone(root.resolve("callee"), "1002", tone, 21000, true);
        final Path caller = phone(root.resolve("caller"), "1001", tone, 22000, false);
        final long answered = server.stats().answered();

        final Process calleeProcess = baresip(callee, "-t", "40");
        try
        {
            awaitBinding("1002");
            final Process callerProcess = baresip(caller, "-e", "/dial 1002", "-t", "6");
            assertTrue(callerProcess.waitFor(30, TimeUnit.SECONDS), "caller baresip did not exit");
            awaitNoActiveCalls();
        }
        finally
        {
            calleeProcess.destroy();
            calleeProcess.waitFor(10, TimeUnit.SECONDS);
        }
        final String callerLog = Files.readString(caller.resolve("out.log"));
        final String calleeLog = Files.readString(callee.resolve("out.log"));
        assertTrue(callerLog.contains("Call established"), callerLog);
        assertTrue(calleeLog.contains("Call established"), calleeLog);
        assertTrue(callerLog.contains("incoming rtp for 'audio' established"), callerLog);
        assertTrue(calleeLog.contains("incoming rtp for 'audio' established"), calleeLog);
        assertTrue(calleeLog.contains("terminated"), "the caller's BYE reached the callee: " + calleeLog);
        assertEquals(answered + 1, server.stats().answered());
    }

    private static Process baresip(final Path dir, final String... args) throws IOException
    {
        final List<String> command = new java.util.ArrayList<>(List.of("baresip", "-f", dir.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve("out.log").toFile()).start();
    }

    /** A baresip configuration: loopback only, G.711, a tone file as microphone, no sound card. */
    private static Path phone(final Path dir, final String extension, final Path tone, final int rtpBase,
        final boolean autoAnswer) throws IOException
    {
        Files.createDirectories(dir);
        final int port = Sipp.freeUdpPort();
        Files.writeString(dir.resolve("config"), String.join("\n",
            "sip_listen 127.0.0.1:" + port,
            "net_interface 127.0.0.1",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module aufile.so",
            "module_app account.so",
            "module_app menu.so",
            "audio_player aufile," + dir.resolve("heard.wav"),
            "audio_source aufile," + tone,
            "audio_alert aufile,/dev/null",
            "rtp_ports " + rtpBase + "-" + (rtpBase + 99),
            ""));
        Files.writeString(dir.resolve("accounts"), "<sip:" + extension + "@127.0.0.1:" + server.sipUdpPort()
            + ";transport=udp>;auth_pass=demo-" + extension + ";regint=600" + (autoAnswer ? ";answermode=auto" : "")
            + "\n");
        return dir;
    }

    private static void awaitBinding(final String extension) throws Exception
    {
        Await.until(extension + " registered", Duration.ofSeconds(15),
            () -> server.locations().lookup(extension, System.currentTimeMillis()), bindings -> !bindings.isEmpty());
    }

    /** 20 s of a 440 Hz tone, 8 kHz mono 16-bit PCM WAV. */
    private static byte[] toneWav()
    {
        final int samples = 8000 * 20;
        final ByteBuffer data = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++)
        {
            data.putShort((short)(8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        final ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
            .put("fmt ".getBytes()).putInt(16).putShort((short)1).putShort((short)1).putInt(8000).putInt(16000)
            .putShort((short)2).putShort((short)16)
            .put("data".getBytes()).putInt(samples * 2);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }
}
