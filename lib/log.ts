import pino from "pino";
import { env } from "./env";

const store = globalThis as typeof globalThis & { __orgdeckLog?: pino.Logger };

function level() {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info"; // start-up reports the invalid setting itself
  }
}

/** Where database drivers keep a failed query's parameter values: PGlite `params`, drizzle `params`, postgres.js `parameters`. */
const PARAMETER_KEYS = ["params", "parameters", "args", "queryOptions"];
/** drizzle's message ends `params: <values>`; in a stack trace the values run until the first frame. */
const PARAMS_IN_TEXT = /\nparams: [\s\S]*?(?=\n\s+at |$)/g;
/** PostgreSQL quotes the offending value at the end of some messages (`invalid input syntax for type integer: "…"`). */
const QUOTED_VALUE = /(: )"[^\n]*"$/gm;
/** …and in a violation's detail (`Key (email)=(…) already exists.`, `Failing row contains (…).`). */
const DETAIL_VALUES = /(=|contains )\(.*\)/g;

const redactText = (text: string) =>
  text.replace(PARAMS_IN_TEXT, "\nparams: [redacted]").replace(QUOTED_VALUE, "$1[redacted]").replace(DETAIL_VALUES, "$1([redacted])");

function withoutParameterValues(err: Record<string, unknown>, depth = 0): Record<string, unknown> {
  for (const key of PARAMETER_KEYS) if (key in err) err[key] = "[redacted]";
  for (const key of ["message", "stack", "detail"]) {
    if (typeof err[key] === "string") err[key] = redactText(err[key] as string);
  }
  if (depth < 5 && err.cause && typeof err.cause === "object") withoutParameterValues(err.cause as Record<string, unknown>, depth + 1);
  return err;
}

/**
 * Errors are logged with their query but never the values bound to it, which may be personal data or secrets.
 * The standard serializer copies the error (and its causes), so the thrown object itself is left as it was.
 */
export function serializeError(err: unknown) {
  if (!(err instanceof Error)) return err;
  return withoutParameterValues(pino.stdSerializers.err(err) as unknown as Record<string, unknown>);
}

/**
 * Structured JSON lines on stdout. Lines written while handling a request carry its `request_id`, passed explicitly:
 * an AsyncLocalStorage scope per request measurably slowed every request under Next (bench/api.mjs: 0.73 → 0.92 of
 * the framework ceiling without it). One logger per process: Next bundles modules more than once.
 */
export const log: pino.Logger =
  store.__orgdeckLog ??
  (store.__orgdeckLog = pino({
    level: level(),
    base: { service: "orgdeck" },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
  }));
