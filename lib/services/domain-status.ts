import { USER_CALLERS } from "../auth/principal";
import { domainIdInput } from "../schemas/domains";
import { daysLeft } from "./domain-recheck";
import { domainOf } from "./domain-rows";
import { operation } from "./operation";
import { iso } from "./serialize";

/**
 * What the console says about a domain's DNS record beyond the wire object (members may read it): the last
 * verification attempt, the last daily re-check, and the days left once the record went missing.
 */
export const getDomainDnsStatus = operation({
  permission: "organization_domain:read",
  callers: USER_CALLERS,
  input: domainIdInput,
  run: async ({ db, organization, now }, { id }) => {
    const row = await domainOf(db, organization.id, id);
    return {
      last_verification_retry: iso(row.lastVerificationRetry),
      dns_checked_at: iso(row.dnsCheckedAt),
      dns_missing_since: iso(row.dnsMissingSince),
      days_left: daysLeft(row, now),
    };
  },
});
