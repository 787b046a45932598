package io.switchboard.core.agent;

import io.switchboard.core.config.AcdSettingsConfig;

/** A small tenant for the directory's and the administration's tests. */
public final class DirectoryFixture
{
    private DirectoryFixture()
    {
    }

    /** Group "support" (queue number 4000) with agents A1 (extension 1001) and A2 (1002) in it. */
    public static AcdSettingsConfig supportWithTwoAgents()
    {
        final AcdSettingsConfig config = new AcdSettingsConfig();
        final AcdSettingsConfig.Group group = new AcdSettingsConfig.Group();
        group.name = "support";
        config.groups.add(group);
        final AcdSettingsConfig.QueueNumber number = new AcdSettingsConfig.QueueNumber();
        number.number = "4000";
        number.group = "support";
        config.numbers.add(number);
        for (int i = 1; i <= 2; i++)
        {
            final AcdSettingsConfig.Agent agent = new AcdSettingsConfig.Agent();
            agent.staffNo = "A" + i;
            agent.name = "Agent " + i;
            agent.email = "a" + i + "@example.com";
            agent.extension = "100" + i;
            agent.groups.add("support");
            config.agents.add(agent);
        }
        return config;
    }
}
