-- The scheduler's own tables in SQLite, beside Quartz's QRTZ_ tables in the same file.
-- Run on every start: everything is CREATE ... IF NOT EXISTS, so a second run changes nothing.
-- Instants are Unix milliseconds (UTC); local times and dates are ISO text read in the schedule's time zone.

CREATE TABLE IF NOT EXISTS bcast_schedules (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,          -- oneOff | daily | weekdays | monthlyFirstMonday | cron
    at_local     TEXT    NULL,              -- oneOff: 2026-12-01T05:30:00
    times        TEXT    NULL,              -- daily, weekdays, monthlyFirstMonday: 05:30,17:00
    cron         TEXT    NULL,              -- cron: the Quartz expression as given
    programmes   TEXT    NOT NULL,          -- JSON array of programme ids, in play order
    target       TEXT    NOT NULL,
    priority     TEXT    NOT NULL,
    grace_ms     INTEGER NOT NULL,
    time_zone    TEXT    NOT NULL,
    created_by   TEXT    NOT NULL,
    created_utc  INTEGER NOT NULL,
    removed_by   TEXT    NULL,
    removed_utc  INTEGER NULL               -- removed schedules stay for the history of their slots
);

CREATE TABLE IF NOT EXISTS bcast_schedule_skips (
    schedule_id  INTEGER NOT NULL REFERENCES bcast_schedules (id),
    local_date   TEXT    NOT NULL,          -- 2026-12-02
    reason       TEXT    NULL,
    created_by   TEXT    NOT NULL,
    created_utc  INTEGER NOT NULL,
    PRIMARY KEY (schedule_id, local_date)
);

-- The slot ledger. The primary key is what makes a slot air at most once: a firing claims its row by inserting it
-- before the broadcast starts, and a second firing of the same slot (a retry, a restart, another node) finds it taken.
CREATE TABLE IF NOT EXISTS bcast_slots (
    schedule_id  INTEGER NOT NULL REFERENCES bcast_schedules (id),
    planned_utc  INTEGER NOT NULL,
    status       TEXT    NOT NULL,          -- starting | aired | late | missed | refused | skipped | failed
    recorded_utc INTEGER NOT NULL,
    late_ms      INTEGER NULL,
    broadcast_id INTEGER NULL,
    reason       TEXT    NULL,
    PRIMARY KEY (schedule_id, planned_utc)
);

CREATE INDEX IF NOT EXISTS ix_bcast_slots_planned ON bcast_slots (planned_utc);
