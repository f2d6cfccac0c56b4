import assert from "node:assert/strict";
import { test } from "node:test";
import { dueIntervals, intervalCeil, intervalFloor, intervalsCovering } from "./intervals";

const at = (iso: string) => new Date(iso);
const isoOf = (i: { start: Date; end: Date }) => [i.start.toISOString(), i.end.toISOString()];

test("floors align on UTC: hours, days, Monday weeks and 5 and 15 minutes", () => {
  const t = at("2026-03-12T13:47:05.123Z"); // a Thursday
  assert.equal(intervalFloor("hour", t).toISOString(), "2026-03-12T13:00:00.000Z");
  assert.equal(intervalFloor("day", t).toISOString(), "2026-03-12T00:00:00.000Z");
  assert.equal(intervalFloor("week", t).toISOString(), "2026-03-09T00:00:00.000Z");
  assert.equal(intervalFloor("every 5 minutes", t).toISOString(), "2026-03-12T13:45:00.000Z");
  assert.equal(intervalFloor("every 15 minutes", t).toISOString(), "2026-03-12T13:45:00.000Z");
  assert.equal(intervalFloor("week", at("2026-03-09T00:00:00Z")).toISOString(), "2026-03-09T00:00:00.000Z", "a boundary is its own floor");
  assert.equal(intervalCeil("hour", t).toISOString(), "2026-03-12T14:00:00.000Z");
  assert.equal(intervalCeil("hour", at("2026-03-12T14:00:00Z")).toISOString(), "2026-03-12T14:00:00.000Z");
});

test("due intervals: only whole, ended intervals from the cursor, within the window, with the next cursor", () => {
  const none = { startAt: null, endAt: null };
  const due = dueIntervals("hour", at("2026-01-01T10:00:00Z"), at("2026-01-01T13:30:00Z"), none);
  assert.deepEqual(due.intervals.map(isoOf), [
    ["2026-01-01T10:00:00.000Z", "2026-01-01T11:00:00.000Z"],
    ["2026-01-01T11:00:00.000Z", "2026-01-01T12:00:00.000Z"],
    ["2026-01-01T12:00:00.000Z", "2026-01-01T13:00:00.000Z"],
  ]);
  assert.equal(due.next.toISOString(), "2026-01-01T13:00:00.000Z", "the running interval waits");

  const windowed = dueIntervals("hour", at("2026-01-01T10:00:00Z"), at("2026-01-01T15:00:00Z"), {
    startAt: at("2026-01-01T11:30:00Z"),
    endAt: at("2026-01-01T13:00:00Z"),
  });
  assert.deepEqual(windowed.intervals.map((i) => i.start.toISOString()), ["2026-01-01T11:00:00.000Z", "2026-01-01T12:00:00.000Z"]);
  assert.equal(windowed.next.toISOString(), "2026-01-01T15:00:00.000Z", "intervals outside the window are passed over");

  const capped = dueIntervals("every 5 minutes", at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z"), none, 10);
  assert.equal(capped.intervals.length, 10);
  assert.equal(capped.next.toISOString(), "2026-01-01T00:50:00.000Z");
});

test("covering intervals of a range: from the one holding the start to the one holding the last instant", () => {
  const covering = intervalsCovering("day", at("2026-01-01T12:00:00Z"), at("2026-01-03T00:00:00Z"));
  assert.deepEqual(covering.map((i) => i.start.toISOString()), ["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"]);
  assert.equal(intervalsCovering("day", at("2026-01-01T12:00:00Z"), at("2026-01-03T00:00:01Z")).length, 3);
  assert.deepEqual(intervalsCovering("hour", at("2026-01-01T12:00:00Z"), at("2026-01-01T12:00:00Z")), []);
});
