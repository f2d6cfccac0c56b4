import { recheckVerifiedDomains } from "../../services/domain-recheck";
import type { JobHandler } from "../types";

/** The job kind (and daily schedule) that re-checks every verified domain's DNS record. */
export const RECHECK_DOMAINS = "domains.recheck";

export const recheckDomains: JobHandler = async ({ db, adapters, now, log }) => {
  const tally = await recheckVerifiedDomains(db, adapters, now);
  if (tally.missing || tally.expired || tally.unknown) log.info(tally, "verified domains re-checked");
};
