package io.v100.gateway;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.Subscription;
import org.agrona.concurrent.Agent;

/**
 * Duty cycle of the single writer: polls the ingress subscription and publishes what it gets into the ring.
 */
public final class GatewayAgent implements Agent
{
    private final Subscription ingress;
    private final ControlledFragmentAssembler assembler;
    private final int fragmentLimit;

    /**
     * @param ingress       subscription to poll.
     * @param adapter       copying fragments into the ring.
     * @param fragmentLimit fragments per duty cycle.
     */
    public GatewayAgent(final Subscription ingress, final IngressAdapter adapter, final int fragmentLimit)
    {
        this.ingress = ingress;
        this.assembler = new ControlledFragmentAssembler(adapter);
        this.fragmentLimit = fragmentLimit;
    }

    /**
     * @return fragments consumed, which the idle strategy uses to decide whether to back off.
     */
    public int doWork()
    {
        return ingress.controlledPoll(assembler, fragmentLimit);
    }

    public String roleName()
    {
        return "v100-gateway";
    }
}
