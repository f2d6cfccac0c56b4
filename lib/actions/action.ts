import "server-only";
import type { z } from "zod";
import { errorResponseParts, type ErrorBody } from "../errors";
import { log } from "../log";
import type { Operation } from "../services/operation";
import { run } from "../services/run";
import { currentPrincipal } from "./session";

export type ActionResult<R> = { ok: true; data: R } | { ok: false; error: ErrorBody };

/**
 * A server action over an operation, for console forms: the same pipeline and rules as REST, the caller from the
 * session cookie (Next checks server actions' origin itself), and the error body instead of a thrown error.
 */
export function action<S extends z.ZodType, R>(op: Operation<S, R>) {
  return async (organizationId: string | undefined, input: z.input<S>): Promise<ActionResult<R>> => {
    try {
      return { ok: true, data: await run(op, { principal: await currentPrincipal(), organizationId, input }) };
    } catch (err) {
      const { body, expected } = errorResponseParts(err);
      if (!expected) log.error({ err }, "unexpected error in server action");
      return { ok: false, error: body };
    }
  };
}
