package io.switchboard.core.system;

import org.junit.jupiter.api.AfterEach;

/** A system test with the server in a process of its own ({@link ServerProcess.Rig}), killed after each test. */
abstract class ProcessSystemTest
{
    /** The test's rig, made by the test; closed (servers and SIPps killed) after it. */
    ServerProcess.Rig rig;

    @AfterEach
    void killTheRig() throws Exception
    {
        if (rig != null)
        {
            rig.close();
        }
    }
}
