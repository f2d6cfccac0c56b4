import assert from "node:assert/strict";
import { test } from "node:test";
import { formatDay, formatExact, formatMoment } from "./time";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

test("recent moments are relative, in the largest whole unit", () => {
  assert.equal(formatMoment(ago(5), NOW), "5 seconds ago");
  assert.equal(formatMoment(ago(5 * 60), NOW), "5 minutes ago");
  assert.equal(formatMoment(ago(3 * 3600), NOW), "3 hours ago");
  assert.equal(formatMoment(ago(86_400), NOW), "yesterday");
  assert.equal(formatMoment(ago(-2 * 86_400), NOW), "in 2 days");
});

test("from a week away a moment is its date", () => {
  assert.equal(formatMoment(ago(8 * 86_400), NOW), "Mar 2, 2026");
  assert.equal(formatMoment(ago(-30 * 86_400), NOW), "Apr 9, 2026");
});

test("the exact form names the time zone; the day form is the date alone", () => {
  // ICU versions join date and time with ", " or " at ".
  assert.match(formatExact("2026-03-04T14:05:09Z", "UTC"), /^Mar 4, 2026(,| at) 2:05:09 PM UTC$/);
  assert.match(formatExact("2026-03-04T14:05:09Z", "America/New_York"), /9:05:09 AM EST$/);
  assert.equal(formatDay("2026-03-04T14:05:09Z"), "Mar 4, 2026");
});
