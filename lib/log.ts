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
  }));
