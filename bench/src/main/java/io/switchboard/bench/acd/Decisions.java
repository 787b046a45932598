package io.switchboard.bench.acd;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Decisions (offers) made, reported by JMH as a rate beside the operations: {@code ·decisions} in ops/s. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Decisions
{
    public long decisions;

    @Setup(Level.Iteration)
    public void reset()
    {
        decisions = 0;
    }
}
