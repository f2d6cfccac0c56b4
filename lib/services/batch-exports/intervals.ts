/** Interval math of batch exports: every interval is a fixed length aligned on UTC (weeks start on Monday). */
import type { BatchExportInterval } from "../../schemas/batch-exports";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-05 was a Monday: weeks are aligned on it. */
const WEEK_OFFSET = 4 * DAY;

/** The length of an interval, in milliseconds. */
export const INTERVAL_MS: Record<BatchExportInterval, number> = {
  hour: HOUR,
  day: DAY,
  week: WEEK,
  "every 5 minutes": 5 * MINUTE,
  "every 15 minutes": 15 * MINUTE,
};

const offsetOf = (interval: BatchExportInterval) => (interval === "week" ? WEEK_OFFSET : 0);

/** The start of the interval that holds `at`. */
export function intervalFloor(interval: BatchExportInterval, at: Date): Date {
  const step = INTERVAL_MS[interval];
  const offset = offsetOf(interval);
  return new Date(Math.floor((at.getTime() - offset) / step) * step + offset);
}

/** The first interval boundary at or after `at`. */
export function intervalCeil(interval: BatchExportInterval, at: Date): Date {
  const floor = intervalFloor(interval, at);
  return floor.getTime() === at.getTime() ? floor : new Date(floor.getTime() + INTERVAL_MS[interval]);
}

export type Interval = { start: Date; end: Date };

/**
 * The whole intervals from the boundary `from` that have ended by `until`, in order (at most `max`), keeping only those
 * that overlap the export's window [startAt, endAt); `next` is where the following pass starts.
 */
export function dueIntervals(
  interval: BatchExportInterval,
  from: Date,
  until: Date,
  window: { startAt: Date | null; endAt: Date | null },
  max = 1000,
): { intervals: Interval[]; next: Date } {
  const step = INTERVAL_MS[interval];
  const intervals: Interval[] = [];
  let start = intervalFloor(interval, from).getTime();
  for (let examined = 0; start + step <= until.getTime() && examined < max; start += step, examined += 1) {
    const overlaps = (!window.endAt || start < window.endAt.getTime()) && (!window.startAt || start + step > window.startAt.getTime());
    if (overlaps) intervals.push({ start: new Date(start), end: new Date(start + step) });
  }
  return { intervals, next: new Date(start) };
}

/** The intervals that cover [start, end): from the interval holding `start` to the one holding the instant before `end`. */
export function intervalsCovering(interval: BatchExportInterval, start: Date, end: Date): Interval[] {
  const step = INTERVAL_MS[interval];
  const out: Interval[] = [];
  for (let at = intervalFloor(interval, start).getTime(); at < end.getTime(); at += step) {
    out.push({ start: new Date(at), end: new Date(at + step) });
  }
  return out;
}
