-- The statements the shell runs, as functions: the Java code calls these by name and holds no SQL of its own.
-- Error codes raised here (SQLSTATE, mapped to HTTP answers by the shell):
--   V1001 insufficient credits          V1002 no price for the event       V1003 event already purchased
--   V1004 no such purchase              V1005 purchase already refunded    V1006 unbalanced or malformed legs

-- The account of (tenant, kind, owner, currency), created with its balance row on first use.
CREATE FUNCTION billing_account(p_tenant text, p_kind text, p_owner text, p_currency text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
    v_negative boolean := p_kind IN ('credits_issued', 'stripe_clearing');
BEGIN
    SELECT account_id INTO v_id FROM accounts
     WHERE tenant = p_tenant AND kind = p_kind AND owner = p_owner AND currency = p_currency;
    IF FOUND THEN
        RETURN v_id;
    END IF;
    INSERT INTO accounts (tenant, kind, owner, currency, may_go_negative)
    VALUES (p_tenant, p_kind, p_owner, p_currency, v_negative)
    ON CONFLICT (tenant, kind, owner, currency) DO NOTHING
    RETURNING account_id INTO v_id;
    IF v_id IS NULL THEN
        SELECT account_id INTO v_id FROM accounts
         WHERE tenant = p_tenant AND kind = p_kind AND owner = p_owner AND currency = p_currency;
    ELSE
        INSERT INTO account_balances (account_id, balance_minor, may_go_negative) VALUES (v_id, 0, v_negative);
    END IF;
    RETURN v_id;
END;
$$;

-- Write one balanced transaction. Concurrency: the balance rows of every account involved are locked with
-- SELECT ... FOR UPDATE in ascending account_id order (a fixed order, so two transfers never deadlock), the new
-- balances are computed under those locks, and a leg that would take an account that may not go negative below
-- zero refuses the whole transaction (V1001). Runs under READ COMMITTED: the row locks serialize the writers of
-- one account, and the CHECK on account_balances backs the check here.
CREATE FUNCTION ledger_post(
    p_tenant text, p_type text, p_cause_type text, p_cause_id text, p_actor text, p_request_id text,
    p_accounts bigint[], p_amounts bigint[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_tx bigint;
    v_row record;
    v_amount bigint;
    v_currency text;
BEGIN
    IF p_accounts IS NULL OR array_length(p_accounts, 1) IS NULL OR array_length(p_accounts, 1) < 2
        OR array_length(p_accounts, 1) <> array_length(p_amounts, 1) THEN
        RAISE EXCEPTION 'a transaction needs two or more legs, one amount per account' USING ERRCODE = 'V1006';
    END IF;
    IF (SELECT sum(a) FROM unnest(p_amounts) a) <> 0 OR (SELECT bool_or(a = 0) FROM unnest(p_amounts) a) THEN
        RAISE EXCEPTION 'legs must be non-zero and sum to zero' USING ERRCODE = 'V1006';
    END IF;
    IF (SELECT count(DISTINCT a) FROM unnest(p_accounts) a) <> array_length(p_accounts, 1) THEN
        RAISE EXCEPTION 'an account appears twice in one transaction' USING ERRCODE = 'V1006';
    END IF;

    PERFORM 1 FROM account_balances WHERE account_id = ANY (p_accounts) ORDER BY account_id FOR UPDATE;

    INSERT INTO ledger_transactions (tenant, type, cause_type, cause_id, actor, request_id)
    VALUES (p_tenant, p_type, p_cause_type, p_cause_id, p_actor, p_request_id)
    RETURNING transaction_id INTO v_tx;

    FOR v_row IN
        SELECT b.account_id, b.balance_minor, b.may_go_negative, a.currency, a.tenant, legs.amount
          FROM unnest(p_accounts, p_amounts) AS legs (account_id, amount)
          JOIN account_balances b ON b.account_id = legs.account_id
          JOIN accounts a ON a.account_id = legs.account_id
         ORDER BY b.account_id
    LOOP
        IF v_row.tenant <> p_tenant THEN
            RAISE EXCEPTION 'account % belongs to another tenant', v_row.account_id USING ERRCODE = 'V1006';
        END IF;
        IF v_currency IS NULL THEN
            v_currency := v_row.currency;
        ELSIF v_currency <> v_row.currency THEN
            RAISE EXCEPTION 'legs in more than one currency' USING ERRCODE = 'V1006';
        END IF;
        v_amount := v_row.amount;
        IF NOT v_row.may_go_negative AND v_row.balance_minor + v_amount < 0 THEN
            RAISE EXCEPTION 'insufficient credits in account %: balance %, debit %',
                v_row.account_id, v_row.balance_minor, -v_amount USING ERRCODE = 'V1001';
        END IF;
        INSERT INTO postings (transaction_id, account_id, amount_minor, currency, balance_before, balance_after)
        VALUES (v_tx, v_row.account_id, v_amount, v_row.currency, v_row.balance_minor, v_row.balance_minor + v_amount);
        UPDATE account_balances SET balance_minor = balance_minor + v_amount WHERE account_id = v_row.account_id;
    END LOOP;
    RETURN v_tx;
END;
$$;

-- Credits provisioned by an admin: from the tenant's credits_issued account into the wallet.
CREATE FUNCTION wallet_credit(
    p_tenant text, p_wallet text, p_currency text, p_amount bigint, p_actor text, p_request_id text, p_cause text)
RETURNS TABLE (transaction_id bigint, balance_minor bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_wallet bigint := billing_account(p_tenant, 'wallet', p_wallet, p_currency);
    v_issued bigint := billing_account(p_tenant, 'credits_issued', 'platform', p_currency);
    v_tx bigint;
BEGIN
    v_tx := ledger_post(p_tenant, 'credit', 'credit_grant', p_cause, p_actor, p_request_id,
        ARRAY[v_issued, v_wallet], ARRAY[-p_amount, p_amount]);
    RETURN QUERY SELECT v_tx, b.balance_minor FROM account_balances b WHERE b.account_id = v_wallet;
END;
$$;

-- Balance of a wallet, or no row when the tenant has no such wallet.
CREATE FUNCTION wallet_balance(p_tenant text, p_wallet text)
RETURNS TABLE (account_id bigint, currency text, balance_minor bigint)
LANGUAGE sql STABLE AS $$
    SELECT a.account_id, a.currency::text, b.balance_minor
      FROM accounts a JOIN account_balances b USING (account_id)
     WHERE a.tenant = p_tenant AND a.kind = 'wallet' AND a.owner = p_wallet
     ORDER BY a.currency;
$$;

CREATE FUNCTION event_price_set(
    p_tenant text, p_event bigint, p_price bigint, p_currency text, p_partner text, p_share_bps int)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO event_prices (tenant, event_id, price_minor, currency, partner, partner_share_bps)
    VALUES (p_tenant, p_event, p_price, p_currency, p_partner, p_share_bps)
    ON CONFLICT (tenant, event_id) DO UPDATE
       SET price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency, partner = EXCLUDED.partner,
           partner_share_bps = EXCLUDED.partner_share_bps;
$$;

-- A viewer buys an event: debit the wallet, credit revenue and the partner's payable (share rounded down to the
-- minor unit, the rest to revenue), record the purchase and its grant in the outbox, all in the caller's one
-- transaction.
CREATE FUNCTION purchase_event(
    p_tenant text, p_subject text, p_viewer bigint, p_event bigint, p_expiry_ns bigint, p_request_id text)
RETURNS TABLE (purchase_id bigint, transaction_id bigint, price_minor bigint, currency text, partner_minor bigint,
               balance_minor bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_price event_prices;
    v_share bigint;
    v_wallet bigint;
    v_revenue bigint;
    v_partner bigint;
    v_tx bigint;
    v_purchase bigint;
BEGIN
    SELECT * INTO v_price FROM event_prices WHERE tenant = p_tenant AND event_id = p_event;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'event % has no price in this tenant', p_event USING ERRCODE = 'V1002';
    END IF;
    IF EXISTS (SELECT 1 FROM purchases p WHERE p.tenant = p_tenant AND p.subject = p_subject
                                          AND p.event_id = p_event AND p.status = 'paid') THEN
        RAISE EXCEPTION 'event % already purchased', p_event USING ERRCODE = 'V1003';
    END IF;
    v_share := v_price.price_minor * v_price.partner_share_bps / 10000;
    v_wallet := billing_account(p_tenant, 'wallet', p_subject, v_price.currency);
    v_revenue := billing_account(p_tenant, 'revenue', 'platform', v_price.currency);
    IF v_share > 0 THEN
        v_partner := billing_account(p_tenant, 'partner_payable', v_price.partner, v_price.currency);
    END IF;
    -- The purchase row comes first so that the transaction can name it as its cause.
    v_purchase := nextval(pg_get_serial_sequence('purchases', 'purchase_id'));
    IF v_share > 0 AND v_share < v_price.price_minor THEN
        v_tx := ledger_post(p_tenant, 'purchase', 'purchase', v_purchase::text, p_subject, p_request_id,
            ARRAY[v_wallet, v_revenue, v_partner],
            ARRAY[-v_price.price_minor, v_price.price_minor - v_share, v_share]);
    ELSIF v_share = v_price.price_minor THEN
        v_tx := ledger_post(p_tenant, 'purchase', 'purchase', v_purchase::text, p_subject, p_request_id,
            ARRAY[v_wallet, v_partner], ARRAY[-v_price.price_minor, v_share]);
    ELSE
        v_tx := ledger_post(p_tenant, 'purchase', 'purchase', v_purchase::text, p_subject, p_request_id,
            ARRAY[v_wallet, v_revenue], ARRAY[-v_price.price_minor, v_price.price_minor]);
    END IF;
    BEGIN
        INSERT INTO purchases (purchase_id, tenant, subject, viewer_id, event_id, price_minor, currency, status,
                               transaction_id)
        VALUES (v_purchase, p_tenant, p_subject, p_viewer, p_event, v_price.price_minor, v_price.currency, 'paid',
                v_tx);
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION 'event % already purchased', p_event USING ERRCODE = 'V1003';
    END;
    INSERT INTO outbox (purchase_id, kind, viewer_id, event_id, expiry_ns)
    VALUES (v_purchase, 'grant', p_viewer, p_event, p_expiry_ns);
    RETURN QUERY SELECT v_purchase, v_tx, v_price.price_minor, v_price.currency::text, v_share,
                        (SELECT b.balance_minor FROM account_balances b WHERE b.account_id = v_wallet);
END;
$$;

-- Refund: a new transaction with every posting of the purchase negated, the purchase marked refunded, and a
-- revoke in the outbox (sent to the core as an EntitlementGrant whose expiry is in the past).
CREATE FUNCTION refund_purchase(p_tenant text, p_purchase bigint, p_actor text, p_request_id text)
RETURNS TABLE (purchase_id bigint, transaction_id bigint, amount_minor bigint, currency text)
LANGUAGE plpgsql AS $$
DECLARE
    v_purchase purchases;
    v_accounts bigint[];
    v_amounts bigint[];
    v_tx bigint;
BEGIN
    SELECT * INTO v_purchase FROM purchases p WHERE p.tenant = p_tenant AND p.purchase_id = p_purchase FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no purchase %', p_purchase USING ERRCODE = 'V1004';
    END IF;
    IF v_purchase.status = 'refunded' THEN
        RAISE EXCEPTION 'purchase % already refunded', p_purchase USING ERRCODE = 'V1005';
    END IF;
    SELECT array_agg(po.account_id ORDER BY po.account_id), array_agg(-po.amount_minor ORDER BY po.account_id)
      INTO v_accounts, v_amounts
      FROM postings po WHERE po.transaction_id = v_purchase.transaction_id;
    v_tx := ledger_post(p_tenant, 'refund', 'purchase', p_purchase::text, p_actor, p_request_id,
        v_accounts, v_amounts);
    UPDATE purchases p SET status = 'refunded', refund_transaction_id = v_tx WHERE p.purchase_id = p_purchase;
    INSERT INTO outbox (purchase_id, kind, viewer_id, event_id, expiry_ns)
    VALUES (p_purchase, 'revoke', v_purchase.viewer_id, v_purchase.event_id, 1);
    RETURN QUERY SELECT p_purchase, v_tx, v_purchase.price_minor, v_purchase.currency::text;
END;
$$;

-- The audit log: transactions with their postings (before and after of each account), newest first, filtered
-- by tenant and optionally by account, type and a half-open time range [p_from, p_to).
CREATE FUNCTION ledger_audit(
    p_tenant text, p_account bigint, p_type text, p_from timestamptz, p_to timestamptz, p_limit int)
RETURNS TABLE (transaction_id bigint, type text, cause_type text, cause_id text, actor text, request_id text,
               created_at timestamptz, postings json)
LANGUAGE sql STABLE AS $$
    SELECT t.transaction_id, t.type, t.cause_type, t.cause_id, t.actor, t.request_id, t.created_at,
           (SELECT json_agg(json_build_object(
                       'accountId', po.account_id, 'kind', a.kind, 'owner', a.owner,
                       'amountMinor', po.amount_minor, 'currency', po.currency,
                       'balanceBefore', po.balance_before, 'balanceAfter', po.balance_after)
                    ORDER BY po.posting_id)
              FROM postings po JOIN accounts a USING (account_id)
             WHERE po.transaction_id = t.transaction_id)
      FROM ledger_transactions t
     WHERE t.tenant = p_tenant
       AND (p_type IS NULL OR t.type = p_type)
       AND (p_from IS NULL OR t.created_at >= p_from)
       AND (p_to IS NULL OR t.created_at < p_to)
       AND (p_account IS NULL OR EXISTS (SELECT 1 FROM postings x
                                          WHERE x.transaction_id = t.transaction_id AND x.account_id = p_account))
     ORDER BY t.transaction_id DESC
     LIMIT p_limit;
$$;

-- Idempotency-Key: claim a key for this request. A first request inserts its row and gets claimed = true; a
-- concurrent duplicate blocks on the primary key until the first commits (then it reads the stored answer) or
-- rolls back (then it claims the key itself).
CREATE FUNCTION idempotency_claim(p_tenant text, p_subject text, p_key text, p_fingerprint text)
RETURNS TABLE (claimed boolean, fingerprint text, status int, response_body text)
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO idempotency_keys (tenant, subject, idempotency_key, fingerprint, status, response_body)
    VALUES (p_tenant, p_subject, p_key, p_fingerprint, 0, '')
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
        RETURN QUERY SELECT true, p_fingerprint, 0, ''::text;
    ELSE
        RETURN QUERY SELECT false, k.fingerprint, k.status, k.response_body FROM idempotency_keys k
                      WHERE k.tenant = p_tenant AND k.subject = p_subject AND k.idempotency_key = p_key;
    END IF;
END;
$$;

CREATE FUNCTION idempotency_store(p_tenant text, p_subject text, p_key text, p_status int, p_body text)
RETURNS void LANGUAGE sql AS $$
    UPDATE idempotency_keys SET status = p_status, response_body = p_body
     WHERE tenant = p_tenant AND subject = p_subject AND idempotency_key = p_key;
$$;

-- The outbox relay: the oldest row not yet delivered, and marking a row delivered.
CREATE FUNCTION outbox_next() RETURNS SETOF outbox LANGUAGE sql STABLE AS $$
    SELECT * FROM outbox WHERE delivered_at IS NULL ORDER BY outbox_id LIMIT 1;
$$;

CREATE FUNCTION outbox_delivered(p_outbox bigint) RETURNS void LANGUAGE sql AS $$
    UPDATE outbox SET delivered_at = now() WHERE outbox_id = p_outbox AND delivered_at IS NULL;
$$;

-- The ledger invariant: the sum of every posting is zero, and each account's balance equals the sum of its
-- postings. Returns the sum and the number of accounts whose balance differs.
CREATE FUNCTION ledger_invariant() RETURNS TABLE (postings_sum numeric, mismatched_accounts bigint)
LANGUAGE sql STABLE AS $$
    SELECT (SELECT coalesce(sum(amount_minor), 0) FROM postings),
           (SELECT count(*) FROM account_balances b
             WHERE b.balance_minor <> (SELECT coalesce(sum(p.amount_minor), 0) FROM postings p
                                        WHERE p.account_id = b.account_id));
$$;

-- A core that starts from an empty journal (what `v100 serve` runs) has none of the grants: queue every row
-- again, in outbox order. Resending is harmless: the core holds one entitlement per viewer, set by the last grant.
CREATE FUNCTION outbox_redeliver() RETURNS bigint LANGUAGE sql AS $$
    WITH queued AS (UPDATE outbox SET delivered_at = NULL WHERE delivered_at IS NOT NULL RETURNING 1)
    SELECT count(*) FROM queued;
$$;

-- A purchase of the tenant with its entitlement deliveries: when the core acknowledged (journaled) the grant and,
-- after a refund, the revoke.
CREATE FUNCTION purchase_get(p_tenant text, p_purchase bigint)
RETURNS TABLE (purchase_id bigint, subject text, viewer_id bigint, event_id bigint, price_minor bigint,
               currency text, status text, transaction_id bigint, refund_transaction_id bigint,
               created_at timestamptz, grant_delivered_at timestamptz, revoke_delivered_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT p.purchase_id, p.subject, p.viewer_id, p.event_id, p.price_minor, p.currency::text, p.status,
           p.transaction_id, p.refund_transaction_id, p.created_at,
           (SELECT o.delivered_at FROM outbox o WHERE o.purchase_id = p.purchase_id AND o.kind = 'grant'),
           (SELECT o.delivered_at FROM outbox o WHERE o.purchase_id = p.purchase_id AND o.kind = 'revoke')
      FROM purchases p
     WHERE p.tenant = p_tenant AND p.purchase_id = p_purchase;
$$;
