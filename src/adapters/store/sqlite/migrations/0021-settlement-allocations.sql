-- How each executed disbursement settled the creditor's invoices (oldest outstanding first), and
-- how a bank return reversed it (the same rows, negative). Rows are only ever added.
CREATE TABLE settlement_allocations (
  programme_id TEXT NOT NULL,
  disbursement_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('settle', 'return')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
  recorded_at_us INTEGER NOT NULL,
  PRIMARY KEY (programme_id, disbursement_id, invoice_id, kind)
) STRICT;
