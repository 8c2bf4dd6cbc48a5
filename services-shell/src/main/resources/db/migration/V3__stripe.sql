-- Stripe webhook events already applied, one row per Stripe event id: a redelivered or replayed event credits
-- nothing the second time.
CREATE TABLE stripe_events (
    stripe_event_id text        PRIMARY KEY,
    event_type      text        NOT NULL,
    tenant          text        NOT NULL,
    wallet          text        NOT NULL,
    amount_minor    bigint      NOT NULL CHECK (amount_minor > 0),
    currency        char(3)     NOT NULL,
    transaction_id  bigint      REFERENCES ledger_transactions (transaction_id),
    received_at     timestamptz NOT NULL DEFAULT now()
);

-- A paid Checkout session: Stripe clearing → the wallet, once per Stripe event id. A concurrent duplicate waits on
-- the primary key and then finds the row. Returns the transaction and whether this call applied it.
CREATE FUNCTION stripe_credit(
    p_event_id text, p_event_type text, p_tenant text, p_wallet text, p_currency text, p_amount bigint,
    p_request_id text)
RETURNS TABLE (transaction_id bigint, applied boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_tx bigint;
BEGIN
    INSERT INTO stripe_events (stripe_event_id, event_type, tenant, wallet, amount_minor, currency)
    VALUES (p_event_id, p_event_type, p_tenant, p_wallet, p_amount, p_currency)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY SELECT s.transaction_id, false FROM stripe_events s WHERE s.stripe_event_id = p_event_id;
        RETURN;
    END IF;
    v_tx := ledger_post(p_tenant, 'stripe_payment', 'stripe_event', p_event_id, 'stripe', p_request_id,
        ARRAY[billing_account(p_tenant, 'stripe_clearing', 'stripe', p_currency),
              billing_account(p_tenant, 'wallet', p_wallet, p_currency)],
        ARRAY[-p_amount, p_amount]);
    UPDATE stripe_events s SET transaction_id = v_tx WHERE s.stripe_event_id = p_event_id;
    RETURN QUERY SELECT v_tx, true;
END;
$$;
