-- Energy delivered and money in. Each row keeps its record as canonical JSON plus the columns
-- the use cases query by; the money itself lives in the ledger.
CREATE TABLE energy_deliveries (
  programme_id TEXT NOT NULL,
  delivery_key TEXT NOT NULL,
  supplier_party_id TEXT NOT NULL,
  body TEXT NOT NULL,
  invoice_id TEXT,
  recorded_at_us BIGINT NOT NULL,
  PRIMARY KEY (programme_id, delivery_key)
);
CREATE INDEX energy_deliveries_by_supplier ON energy_deliveries (programme_id, supplier_party_id);

CREATE TABLE energy_invoices (
  programme_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  supplier_party_id TEXT NOT NULL,
  total_minor BIGINT NOT NULL CHECK (total_minor > 0),
  content_sha256 TEXT NOT NULL,
  body TEXT NOT NULL,
  recorded_at_us BIGINT NOT NULL,
  PRIMARY KEY (programme_id, invoice_id)
);
CREATE INDEX energy_invoices_by_supplier ON energy_invoices (programme_id, supplier_party_id);

CREATE TABLE energy_credit_notes (
  programme_id TEXT NOT NULL,
  credit_note_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
  body TEXT NOT NULL,
  recorded_at_us BIGINT NOT NULL,
  PRIMARY KEY (programme_id, credit_note_id)
);
CREATE INDEX energy_credit_notes_by_invoice ON energy_credit_notes (programme_id, invoice_id);

CREATE TABLE escrow_deposits (
  programme_id TEXT NOT NULL,
  deposit_id TEXT NOT NULL,
  escrow_amount_minor BIGINT NOT NULL CHECK (escrow_amount_minor > 0),
  content_sha256 TEXT NOT NULL,
  body TEXT NOT NULL,
  recorded_at_us BIGINT NOT NULL,
  PRIMARY KEY (programme_id, deposit_id)
);
