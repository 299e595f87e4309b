-- The audit log stays append-only, with one exception: a redaction (src/services/redaction/) may
-- replace a passage with "[redacted]" inside entries' before/after JSON. An UPDATE of audit_log is
-- allowed only when all of these hold:
--   * the transaction names a redaction with set_config('waymark.redaction_id', '<id>', true) (local
--     to the transaction, so it ends with it), and that `redactions` row was inserted by this same
--     transaction (its transaction_id is txid_current()) for the entry's partnership;
--   * the entry's identity is unchanged: id, partnership, user, actor, action, entity and time;
--   * before and after are each unchanged, or hold more "[redacted]" than they did (never null).
-- DELETE and TRUNCATE are always refused, and `redactions` itself is append-only, so every rewrite
-- leaves a row saying who did it, when, why and to which record.
--
-- The limit, stated plainly: this binds the application, not the database's owner. Whoever can run
-- SQL as the application's role can insert a `redactions` row in their own transaction, name it and
-- rewrite an entry's JSON (identity kept, "[redacted]" added) — though that row cannot be removed
-- afterwards; and because the application's role owns these tables, it can also drop or disable the
-- triggers. Closing that needs a separate owner role for migrations and a runtime role that does not
-- own the tables (INSERT and SELECT on audit_log only; the rewrite through a SECURITY DEFINER
-- function), which Waymark's single connection string does not have yet.
CREATE OR REPLACE FUNCTION redacted_count(value jsonb) RETURNS integer AS $$
  SELECT CASE WHEN value IS NULL THEN 0
    ELSE (length(value::text) - length(replace(value::text, '[redacted]', ''))) / length('[redacted]') END;
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_guard_change() RETURNS trigger AS $$
DECLARE
  named text := current_setting('waymark.redaction_id', true);
  redaction_partnership integer;
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
  END IF;
  IF named IS NULL OR named !~ '^[0-9]{1,9}$' THEN
    RAISE EXCEPTION 'audit_log is append-only: UPDATE is allowed only inside a redaction';
  END IF;
  SELECT partnership_id INTO redaction_partnership FROM redactions
    WHERE id = named::integer AND transaction_id = txid_current();
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_log is append-only: UPDATE is allowed only inside a redaction';
  END IF;
  IF OLD.partnership_id IS DISTINCT FROM redaction_partnership THEN
    RAISE EXCEPTION 'audit_log is append-only: a redaction rewrites its own partnership''s entries only';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id
    OR NEW.partnership_id IS DISTINCT FROM OLD.partnership_id
    OR NEW.user_id IS DISTINCT FROM OLD.user_id
    OR NEW.actor IS DISTINCT FROM OLD.actor
    OR NEW.action IS DISTINCT FROM OLD.action
    OR NEW.entity_type IS DISTINCT FROM OLD.entity_type
    OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
    OR NEW.at IS DISTINCT FROM OLD.at THEN
    RAISE EXCEPTION 'audit_log is append-only: a redaction may not change who, what or when';
  END IF;
  IF (NEW.before IS DISTINCT FROM OLD.before
      AND (NEW.before IS NULL OR redacted_count(NEW.before) <= redacted_count(OLD.before)))
    OR (NEW.after IS DISTINCT FROM OLD.after
      AND (NEW.after IS NULL OR redacted_count(NEW.after) <= redacted_count(OLD.after))) THEN
    RAISE EXCEPTION 'audit_log is append-only: a redaction only replaces a passage with [redacted]';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER audit_log_append_only ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION redactions_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'redactions is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER redactions_append_only
  BEFORE UPDATE OR DELETE ON redactions
  FOR EACH ROW EXECUTE FUNCTION redactions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER redactions_no_truncate
  BEFORE TRUNCATE ON redactions
  FOR EACH STATEMENT EXECUTE FUNCTION redactions_refuse_change();
