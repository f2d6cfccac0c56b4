import { ANALYTICS_CONFIGS, MERGED_SETTINGS, type ProjectWritable } from "../../schemas/projects";
import type { ProjectRow } from "./access";
import { storedSettings, STORED_SETTINGS } from "./serialize";

type Dict = Record<string, unknown>;

const isDict = (value: unknown): value is Dict => typeof value === "object" && value !== null && !Array.isArray(value);

/** A dict merged into another: its keys win, and a key whose old and new values are both dicts is merged too. */
export function mergeDict(before: unknown, patch: Dict | null): Dict | null {
  if (patch === null) return null;
  if (!isDict(before)) return { ...patch };
  const out: Dict = { ...before };
  for (const [key, value] of Object.entries(patch)) out[key] = isDict(value) && isDict(before[key]) ? { ...before[key], ...value } : value;
  return out;
}

const MERGED = new Set<string>([...MERGED_SETTINGS, ...ANALYTICS_CONFIGS]);
const ANALYTICS = new Set<string>(ANALYTICS_CONFIGS);

type Columns = { name?: string; accessControl?: boolean; timezone?: string; isDemo?: boolean; settings?: Dict };

function columnFields(input: Partial<ProjectWritable>): Columns {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.access_control !== undefined && { accessControl: input.access_control }),
    ...(input.timezone !== undefined && { timezone: input.timezone }),
    ...(input.is_demo !== undefined && { isDemo: input.is_demo }),
  };
}

const sentSettings = (input: Partial<ProjectWritable>) =>
  STORED_SETTINGS.filter((name) => input[name] !== undefined).map((name) => [name, input[name]] as const);

/** A new project's columns: the settings sent, the analytics configs aside (a project starts without them). */
export function createColumns(input: Partial<ProjectWritable>): Columns {
  const settings = Object.fromEntries(sentSettings(input).filter(([name]) => !ANALYTICS.has(name)));
  return { ...columnFields(input), settings };
}

/** A PATCH: the settings sent replace what is stored, except the dict settings, which are merged into it. */
export function patchColumns(row: ProjectRow, input: Partial<ProjectWritable>): Columns {
  const stored = storedSettings(row) as Dict;
  const changed = sentSettings(input).map(([name, value]) => [name, MERGED.has(name) ? mergeDict(stored[name], value as Dict | null) : value]);
  return { ...columnFields(input), ...(changed.length > 0 && { settings: { ...row.settings, ...Object.fromEntries(changed) } }) };
}

/**
 * A PUT: every setting is replaced, those left out going back to their defaults; the analytics configs are the
 * exception, merged when sent and kept when not. Access control is not a setting: left out, it stays as it is.
 */
export function replaceColumns(row: ProjectRow, input: ProjectWritable | Partial<ProjectWritable>): Columns {
  const stored = storedSettings(row) as Dict;
  const kept = Object.fromEntries([...ANALYTICS].map((name) => [name, stored[name]]));
  const sent = sentSettings(input).map(([name, value]) => [name, ANALYTICS.has(name) ? mergeDict(stored[name], value as Dict) : value]);
  return {
    timezone: "UTC",
    isDemo: false,
    ...columnFields(input),
    settings: { ...kept, ...Object.fromEntries(sent) },
  };
}
