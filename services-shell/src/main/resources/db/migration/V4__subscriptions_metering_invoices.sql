-- Subscriptions per tier, metered usage priced by tiered rate cards, and invoices; plus db-scheduler's table.

-- A plan: the fee of a tier for a billing period (month or year), in minor units of its currency.
CREATE TABLE plans (
    tier            text    NOT NULL CHECK (tier IN ('free', 'pro', 'enterprise')),
    billing_period  text    NOT NULL CHECK (billing_period IN ('month', 'year')),
    fee_minor       bigint  NOT NULL CHECK (fee_minor >= 0),
    currency        char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    PRIMARY KEY (tier, billing_period)
);

-- Units of a meter a plan includes each calendar month; usage above them is overage.
CREATE TABLE plan_allowances (
    tier            text   NOT NULL,
    billing_period  text   NOT NULL,
    meter           text   NOT NULL CHECK (meter IN ('gateway_calls', 'licence_grants')),
    included_units  bigint NOT NULL CHECK (included_units >= 0),
    PRIMARY KEY (tier, billing_period, meter),
    FOREIGN KEY (tier, billing_period) REFERENCES plans (tier, billing_period)
);

-- Graduated rate card: overage units in [from_units, to_units) cost price_minor_per_1000 per thousand units
-- (rounded down to the minor unit per line); to_units NULL is unbounded.
CREATE TABLE rate_card_tiers (
    meter           text    NOT NULL CHECK (meter IN ('gateway_calls', 'licence_grants')),
    currency        char(3) NOT NULL,
    from_units      bigint  NOT NULL CHECK (from_units >= 0),
    to_units        bigint  CHECK (to_units IS NULL OR to_units > from_units),
    price_minor_per_1000 bigint NOT NULL CHECK (price_minor_per_1000 >= 0),
    PRIMARY KEY (meter, currency, from_units)
);

CREATE TABLE subscriptions (
    tenant          text        PRIMARY KEY,
    tier            text        NOT NULL,
    billing_period  text        NOT NULL,
    started_at      timestamptz NOT NULL,
    FOREIGN KEY (tier, billing_period) REFERENCES plans (tier, billing_period)
);

-- Metered usage, appended as it is counted.
CREATE TABLE usage_records (
    usage_id        bigserial   PRIMARY KEY,
    tenant          text        NOT NULL,
    meter           text        NOT NULL CHECK (meter IN ('gateway_calls', 'licence_grants')),
    quantity        bigint      NOT NULL CHECK (quantity > 0),
    occurred_at     timestamptz NOT NULL
);
CREATE INDEX usage_records_tenant_time ON usage_records (tenant, meter, occurred_at);

-- One invoice per tenant and calendar month: the unique key makes a second run of the same month a no-op.
CREATE TABLE invoices (
    invoice_id      bigserial   PRIMARY KEY,
    tenant          text        NOT NULL,
    period_start    timestamptz NOT NULL,
    period_end      timestamptz NOT NULL,
    currency        char(3)     NOT NULL,
    total_minor     bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, period_start)
);

CREATE TABLE invoice_lines (
    invoice_id      bigint  NOT NULL REFERENCES invoices (invoice_id),
    line_no         int     NOT NULL,
    description     text    NOT NULL,
    quantity        bigint  NOT NULL,
    unit_price_minor_per_1000 bigint,
    amount_minor    bigint  NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);

-- Invoice every subscription for the calendar month starting at p_period_start (UTC): the plan fee (monthly
-- plans every month; annual plans in the month of their start anniversary), then for each meter the usage above
-- the monthly allowance, split across the rate card's graduated tiers. Returns the number of invoices created;
-- a month already invoiced for a tenant is skipped.
CREATE FUNCTION invoice_run(p_period_start timestamptz) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
    v_end timestamptz := p_period_start + interval '1 month';
    v_sub record;
    v_plan plans;
    v_invoice bigint;
    v_line int;
    v_total bigint;
    v_meter record;
    v_tier record;
    v_used bigint;
    v_over bigint;
    v_units bigint;
    v_amount bigint;
    v_created int := 0;
BEGIN
    FOR v_sub IN SELECT * FROM subscriptions WHERE started_at < v_end ORDER BY tenant LOOP
        SELECT * INTO v_plan FROM plans WHERE tier = v_sub.tier AND billing_period = v_sub.billing_period;
        INSERT INTO invoices (tenant, period_start, period_end, currency, total_minor)
        VALUES (v_sub.tenant, p_period_start, v_end, v_plan.currency, 0)
        ON CONFLICT (tenant, period_start) DO NOTHING
        RETURNING invoice_id INTO v_invoice;
        CONTINUE WHEN v_invoice IS NULL;
        v_line := 0;
        v_total := 0;
        IF v_plan.billing_period = 'month'
            OR extract(month FROM v_sub.started_at AT TIME ZONE 'UTC') = extract(month FROM p_period_start AT TIME ZONE 'UTC') THEN
            v_line := v_line + 1;
            INSERT INTO invoice_lines VALUES (v_invoice, v_line,
                'subscription ' || v_plan.tier || ' per ' || v_plan.billing_period, 1, NULL, v_plan.fee_minor);
            v_total := v_total + v_plan.fee_minor;
        END IF;
        FOR v_meter IN SELECT a.meter, a.included_units FROM plan_allowances a
                        WHERE a.tier = v_sub.tier AND a.billing_period = v_sub.billing_period ORDER BY a.meter LOOP
            SELECT coalesce(sum(quantity), 0) INTO v_used FROM usage_records
             WHERE tenant = v_sub.tenant AND meter = v_meter.meter
               AND occurred_at >= p_period_start AND occurred_at < v_end;
            v_over := greatest(v_used - v_meter.included_units, 0);
            FOR v_tier IN SELECT * FROM rate_card_tiers r
                           WHERE r.meter = v_meter.meter AND r.currency = v_plan.currency AND r.from_units < v_over
                           ORDER BY r.from_units LOOP
                v_units := least(v_over, coalesce(v_tier.to_units, v_over)) - v_tier.from_units;
                v_amount := v_units * v_tier.price_minor_per_1000 / 1000;
                v_line := v_line + 1;
                INSERT INTO invoice_lines VALUES (v_invoice, v_line,
                    v_meter.meter || ' overage ' || v_tier.from_units || '-' || coalesce(v_tier.to_units::text, ''),
                    v_units, v_tier.price_minor_per_1000, v_amount);
                v_total := v_total + v_amount;
            END LOOP;
        END LOOP;
        UPDATE invoices SET total_minor = v_total WHERE invoice_id = v_invoice;
        v_created := v_created + 1;
    END LOOP;
    RETURN v_created;
END;
$$;

-- db-scheduler's table (github.com/kagkarlsson/db-scheduler, postgresql_tables.sql): one row per task instance;
-- an execution is picked by exactly one scheduler, so with two shell instances each invoice run happens once.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
