import type { z } from "zod";
import { getDb } from "../../db/client";
import type { Principal } from "../auth/principal";
import { execute, type Operation } from "./operation";

/** Runs an operation in-process (server components, the CLI, workers) for a known caller. */
export async function run<S extends z.ZodType, R>(
  op: Operation<S, R>,
  call: { principal: Principal | null; organizationId?: string; input?: z.input<S> },
): Promise<R> {
  return execute(op, { db: await getDb(), principal: call.principal, organizationId: call.organizationId, input: call.input ?? {} });
}
