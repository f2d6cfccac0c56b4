import { LEVEL_NAMES } from "@/lib/auth/permissions";
import type { ScimMembershipState } from "@/lib/schemas/scim-admin";

/** Where to start when SCIM has nothing to show yet. */
export const GIVE_IDP_THE_TOKEN = "Give your identity provider the base URL and token above.";

const PROVIDERS: Record<string, string> = { okta: "Okta", entra_id: "Microsoft Entra ID", google: "Google Workspace", onelogin: "OneLogin", other: "Other" };

/** The identity provider a request's User-Agent told, by its product name. */
export const providerWords = (provider: string) => PROVIDERS[provider] ?? provider;

/** "Administrator", "Member (suspended)" or "No longer a member". */
export function membershipWords(membership: ScimMembershipState) {
  if (!membership) return "No longer a member";
  return membership.suspended ? `${LEVEL_NAMES[membership.level]} (suspended)` : LEVEL_NAMES[membership.level];
}

/** A response status's badge colour: success, a refusal the client caused, or our failure. */
export const statusTone = (status: number) => (status >= 500 ? "danger" : status >= 400 ? "warn" : "ok");

/** A logged body as people read it: JSON indented, anything else as it came. */
export function readableBody(body: string) {
  if (!body) return "";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
