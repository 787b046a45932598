package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.core.config.SwitchboardConfig;

import java.nio.file.Files;

/** Starts an in-process server on loopback with ephemeral ports and the demo tenant (1001..1010, demo-N). */
final class TestServers
{
    private TestServers()
    {
    }

    static SwitchboardServer start() throws Exception
    {
        final String dataDir = Files.createTempDirectory("switchboard-test").toString();
        final SwitchboardConfig config = ConfigLoader.parse("""
            {
              "sip": { "bindAddress": "127.0.0.1", "udpPort": 0, "tcpPort": 0, "workers": 2 },
              "http": { "bindAddress": "127.0.0.1", "port": 0 },
              "dataDir": "%s",
              "tenant": { "domain": "demo.switchboard",
                          "extensionRange": { "first": 1001, "last": 1020, "passwordPattern": "demo-{n}" } }
            }
            """.formatted(dataDir.replace("\\", "\\\\"))).conclude();
        return SwitchboardServer.start(config);
    }
}
