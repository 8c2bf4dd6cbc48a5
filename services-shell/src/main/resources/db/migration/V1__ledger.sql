-- Credits ledger (double entry), idempotency keys, pay-per-view purchases and the outbox to the core.
-- Money is bigint minor units of the ISO 4217 currency in the row beside it; never floating point.

CREATE TABLE accounts (
    account_id      bigserial PRIMARY KEY,
    tenant          text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('wallet', 'revenue', 'partner_payable', 'stripe_clearing', 'credits_issued')),
    owner           text        NOT NULL,
    currency        char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Only system accounts (the source of issued credits, Stripe clearing) may go below zero.
    may_go_negative boolean     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, kind, owner, currency)
);

-- One row per account, the row that SELECT ... FOR UPDATE locks; the CHECK is the last line against a negative
-- wallet if the code's own check were ever bypassed.
CREATE TABLE account_balances (
    account_id      bigint  PRIMARY KEY REFERENCES accounts (account_id),
    balance_minor   bigint  NOT NULL DEFAULT 0,
    may_go_negative boolean NOT NULL,
    CHECK (may_go_negative OR balance_minor >= 0)
);

CREATE TABLE ledger_transactions (
    transaction_id  bigserial PRIMARY KEY,
    tenant          text        NOT NULL,
    type            text        NOT NULL CHECK (type IN ('credit', 'purchase', 'refund', 'stripe_payment')),
    cause_type      text        NOT NULL,
    cause_id        text        NOT NULL,
    actor           text        NOT NULL,
    request_id      text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_transactions_tenant_time ON ledger_transactions (tenant, created_at);
CREATE INDEX ledger_transactions_cause ON ledger_transactions (cause_type, cause_id);

CREATE TABLE postings (
    posting_id      bigserial PRIMARY KEY,
    transaction_id  bigint  NOT NULL REFERENCES ledger_transactions (transaction_id),
    account_id      bigint  NOT NULL REFERENCES accounts (account_id),
    amount_minor    bigint  NOT NULL CHECK (amount_minor <> 0),
    currency        char(3) NOT NULL,
    balance_before  bigint  NOT NULL,
    balance_after   bigint  NOT NULL,
    CHECK (balance_after = balance_before + amount_minor)
);
CREATE INDEX postings_account ON postings (account_id);
CREATE INDEX postings_transaction ON postings (transaction_id);

-- Append-only: postings and transactions are never changed or removed; a correction is a new transaction.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Balanced at commit: a deferred constraint trigger sums each transaction's postings per currency when the
-- database transaction commits, so a transaction whose postings do not sum to zero is never written.
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced record;
BEGIN
    SELECT currency, sum(amount_minor) AS total, count(*) AS legs INTO unbalanced
      FROM postings WHERE transaction_id = NEW.transaction_id
     GROUP BY currency HAVING sum(amount_minor) <> 0 OR count(*) < 2 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % is not balanced in %: sum % over % postings',
            NEW.transaction_id, unbalanced.currency, unbalanced.total, unbalanced.legs USING ERRCODE = 'P0002';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- Idempotency-Key (IETF httpapi draft): the first request with a key stores its fingerprint and its answer; a
-- repeat with the same fingerprint gets the stored answer, one with another fingerprint a 422.
CREATE TABLE idempotency_keys (
    tenant          text        NOT NULL,
    subject         text        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     text        NOT NULL,
    status          int         NOT NULL,
    response_body   text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, subject, idempotency_key)
);

-- What an event costs in a tenant, and the partner's share of each sale in basis points (1/100 of a percent).
CREATE TABLE event_prices (
    tenant          text    NOT NULL,
    event_id        bigint  NOT NULL,
    price_minor     bigint  NOT NULL CHECK (price_minor > 0),
    currency        char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    partner         text    NOT NULL,
    partner_share_bps int   NOT NULL CHECK (partner_share_bps BETWEEN 0 AND 10000),
    PRIMARY KEY (tenant, event_id)
);

CREATE TABLE purchases (
    purchase_id     bigserial PRIMARY KEY,
    tenant          text        NOT NULL,
    subject         text        NOT NULL,
    viewer_id       bigint      NOT NULL,
    event_id        bigint      NOT NULL,
    price_minor     bigint      NOT NULL,
    currency        char(3)     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('paid', 'refunded')),
    transaction_id  bigint      NOT NULL REFERENCES ledger_transactions (transaction_id),
    refund_transaction_id bigint REFERENCES ledger_transactions (transaction_id),
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- One live purchase of an event per viewer.
CREATE UNIQUE INDEX purchases_one_paid ON purchases (tenant, subject, event_id) WHERE status = 'paid';

-- Transactional outbox: written in the same transaction as the money; the relay sends each row to the core and
-- sets delivered_at only once the core has acknowledged (journaled) it.
CREATE TABLE outbox (
    outbox_id       bigserial PRIMARY KEY,
    purchase_id     bigint      NOT NULL REFERENCES purchases (purchase_id),
    kind            text        NOT NULL CHECK (kind IN ('grant', 'revoke')),
    viewer_id       bigint      NOT NULL,
    event_id        bigint      NOT NULL,
    expiry_ns       bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (purchase_id, kind)
);
CREATE INDEX outbox_pending ON outbox (outbox_id) WHERE delivered_at IS NULL;
