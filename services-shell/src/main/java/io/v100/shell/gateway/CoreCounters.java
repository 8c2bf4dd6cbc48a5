package io.v100.shell.gateway;

/**
 * The core's answer to a status request.
 *
 * @param ringSequence    of the status request in the ring.
 * @param correlationId   of the request.
 * @param eventsJournaled inputs journaled.
 * @param eventsProcessed inputs processed by the handlers.
 * @param eventsRejected  inputs rejected by validation.
 */
public record CoreCounters(
    long ringSequence, long correlationId, long eventsJournaled, long eventsProcessed, long eventsRejected)
{
}
