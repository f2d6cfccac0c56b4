import "server-only";
import { notFound } from "next/navigation";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Operation } from "@/lib/services/operation";
import { run } from "@/lib/services/run";
import { organizationGate, signedInPrincipal } from "./load";

/** Runs an organization's operation for the signed-in person; an object that is not there (or not theirs) is this page's 404. */
export async function runOrNotFound<S extends z.ZodType, R>(op: Operation<S, R>, organizationId: string, input: z.input<S>): Promise<R> {
  try {
    return await run(op, { principal: await signedInPrincipal(), organizationId, input });
  } catch (err) {
    if (err instanceof AppError && (err.body.code === "not_found" || err.body.code === "permission_denied")) notFound();
    throw err;
  }
}

/**
 * A page title naming one object, for `generateMetadata`: the fallback wherever the organization's layout turns the
 * person away (it explains why) or the object is not there.
 */
export async function titleOf<S extends z.ZodType, R>(op: Operation<S, R>, organizationId: string, input: z.input<S>, name: (found: R) => string, fallback: string) {
  const gate = await organizationGate(organizationId);
  if (gate.status !== "open") return fallback;
  try {
    return name(await run(op, { principal: await signedInPrincipal(), organizationId: gate.organization.id, input }));
  } catch (err) {
    if (err instanceof AppError) return fallback;
    throw err;
  }
}
