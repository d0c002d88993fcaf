-- Issue 8: role grants per programme ('*' = every programme) and four-eyes role-change proposals.
-- programme_users stays the table of known users; its roles column is no longer read.
CREATE TABLE user_grants (
  user_id TEXT NOT NULL REFERENCES programme_users (user_id),
  role TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at_us BIGINT NOT NULL,
  PRIMARY KEY (user_id, role, programme_id)
);
CREATE INDEX user_grants_role ON user_grants (role, user_id);

-- Roles held before grants existed apply to every programme; the maker is now the operator.
INSERT INTO user_grants (user_id, role, programme_id, granted_by, granted_at_us)
SELECT DISTINCT u.user_id, CASE j.value WHEN 'maker' THEN 'operator' ELSE j.value END, '*', 'migration-0030', u.updated_at_us
FROM programme_users AS u, jsonb_array_elements_text(u.roles::jsonb) AS j(value);
UPDATE programme_users SET roles = '[]';

CREATE TABLE role_change_proposals (
  proposal_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  grants_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_at_us BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved')),
  decided_by TEXT,
  decided_at_us BIGINT
);
CREATE INDEX role_change_proposals_status ON role_change_proposals (status, proposed_at_us);
