-- A provider the person marked as on their own network (a private address or an internal
-- name): plain http is allowed for it and it counts as local.
ALTER TABLE providers ADD COLUMN own_network INTEGER NOT NULL DEFAULT 0;
