import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { env } from "./env";

type RequestScope = { requestId: string };

const store = globalThis as typeof globalThis & {
  __orgdeckLog?: pino.Logger;
  __orgdeckRequestScope?: AsyncLocalStorage<RequestScope>;
};

/** Carries the request id to every log line written while a request is handled (one per process: Next bundles modules more than once). */
export const requestScope = (store.__orgdeckRequestScope ??= new AsyncLocalStorage<RequestScope>());

function level() {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info"; // start-up reports the invalid setting itself
  }
}

/** Structured JSON lines on stdout; a line written inside a request carries its `request_id`. */
export const log: pino.Logger =
  store.__orgdeckLog ??
  (store.__orgdeckLog = pino({
    level: level(),
    base: { service: "orgdeck" },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const scope = requestScope.getStore();
      return scope ? { request_id: scope.requestId } : {};
    },
  }));
