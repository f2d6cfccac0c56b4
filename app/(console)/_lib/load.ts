import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { currentPrincipal } from "@/lib/actions/session";
import { AppError } from "@/lib/errors";
import { getOrganization, type OrganizationApi } from "@/lib/services/organizations";
import { run } from "@/lib/services/run";
import { getMe } from "@/lib/services/users";

/** The signed-in caller of this request (once per request); signed out goes to the sign-in page. */
export const signedInPrincipal = cache(async () => {
  const principal = await currentPrincipal();
  if (!principal) redirect("/signin");
  return principal;
});

/** The caller's profile with their current organization and all of theirs. */
export const loadMe = cache(async () => run(getMe, { principal: await signedInPrincipal(), input: { user_id: "@me" } }));

export type OrganizationGate =
  | { status: "open"; organization: OrganizationApi }
  | { status: "two_factor_required" }
  | { status: "not_found" };

/**
 * Whether the caller may see this organization's pages: a non-member and an unknown id are both "not found"; a
 * session without a second factor in an organization that requires one is turned away.
 */
export const organizationGate = cache(async (organizationId: string): Promise<OrganizationGate> => {
  try {
    const organization = await run(getOrganization, { principal: await signedInPrincipal(), organizationId });
    return { status: "open", organization };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.body.code === "two_factor_required") return { status: "two_factor_required" };
    if (err.body.code === "not_found" || err.body.code === "permission_denied") return { status: "not_found" };
    throw err;
  }
});

/** For pages under the organization layout, which has already turned away everyone else. */
export async function openOrganization(organizationId: string) {
  const gate = await organizationGate(organizationId);
  if (gate.status !== "open") notFound();
  return gate.organization;
}
