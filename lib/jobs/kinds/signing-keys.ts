import { maintainSigningKeys } from "../../services/service-accounts/signing-keys";
import type { JobHandler } from "../types";

/** The job kind (and hourly schedule) that keeps the access-token signing keys' rotation schedule. */
export const ROTATE_SIGNING_KEYS = "oauth.signing_keys.rotate";

export const rotateSigningKeys: JobHandler = async ({ db, now, log }) => {
  const { created, deleted } = await maintainSigningKeys(db, now);
  if (created.length || deleted) log.info({ created, deleted }, "access-token signing keys rotated");
};
