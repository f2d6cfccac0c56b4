"use server";

import { redirect } from "next/navigation";
import { currentPrincipal } from "@/lib/actions/session";
import { AppError } from "@/lib/errors";
import { acceptInvite } from "@/lib/services/invite-accept";
import { run } from "@/lib/services/run";

/** Accepts the invitation for the signed-in user and lands them on its members, welcomed by name. */
export async function acceptInviteAction(token: string): Promise<{ error: string } | undefined> {
  let organizationId: string;
  try {
    organizationId = (await run(acceptInvite, { principal: await currentPrincipal(), input: { token } })).organization_id;
  } catch (err) {
    if (err instanceof AppError) return { error: err.body.detail };
    throw err;
  }
  redirect(`/organizations/${organizationId}/members?welcome=1`);
}
