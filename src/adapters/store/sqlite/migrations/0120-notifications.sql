-- Notifications (issue 14): a notice per person and fact (read or unread), where a person wants
-- them e-mailed, and the outbox a mail relay drains. A notice is written in the transaction of
-- the fact that caused it; dedupe_key makes a retried step or a second sweep tell nobody twice.
CREATE TABLE notifications (
  notification_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('hit_raised', 'waiver_expiring', 'request_closed', 'work_waiting', 'configuration_waiting', 'role_change_waiting')),
  subject TEXT NOT NULL,
  programme_id TEXT,
  params TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  read_at_us INTEGER,
  UNIQUE (user_id, dedupe_key)
) STRICT;
CREATE INDEX notifications_by_user ON notifications (user_id, created_at_us, notification_id);

CREATE TABLE notification_contacts (
  user_id TEXT PRIMARY KEY,
  email_address TEXT,
  language TEXT NOT NULL CHECK (language IN ('en', 'ar')),
  updated_at_us INTEGER NOT NULL
) STRICT;

CREATE TABLE notification_outbox (
  message_id TEXT PRIMARY KEY,
  notification_id TEXT NOT NULL REFERENCES notifications (notification_id),
  user_id TEXT NOT NULL,
  to_address TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('en', 'ar')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL CHECK (attempts >= 0),
  last_error TEXT,
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL
) STRICT;
CREATE INDEX notification_outbox_by_status ON notification_outbox (status, created_at_us, message_id);
