package io.v100.shell.billing;

/**
 * What a billing call answers: an HTTP status and a JSON body, as stored for an {@code Idempotency-Key}.
 *
 * @param status   HTTP status.
 * @param body     JSON text.
 * @param replayed true when this is the stored answer to an earlier request with the same key.
 */
public record BillingAnswer(int status, String body, boolean replayed)
{
}
