import { z } from "zod";
import { USER_CALLERS } from "../../auth/principal";
import { SSO_ENFORCEMENT_VALUES } from "../../schemas/domains";
import { domainOf } from "../domain-rows";
import { operation } from "../operation";

/** Stand-in until the real lockout preview lands: same input and answer, nobody counted yet. */
export const previewSsoLockout = operation({
  permission: "organization_domain:write",
  callers: USER_CALLERS,
  input: z.object({ organization_id: z.string(), domain_id: z.string(), sso_enforcement: z.enum(SSO_ENFORCEMENT_VALUES) }),
  run: async ({ db, organization }, { domain_id }) => {
    await domainOf(db, organization.id, domain_id);
    return { count: 0, people: [] as { id: string; email: string; name: string }[] };
  },
});
