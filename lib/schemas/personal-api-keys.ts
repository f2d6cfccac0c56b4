import { z } from "zod";
import { isValidScope } from "../auth/scopes";
import { paginated, timestamp } from "./common";

export const MAX_KEYS_PER_USER = 10;

const scopes = z
  .array(z.string().max(100))
  .min(1)
  .superRefine((values, ctx) => {
    const bad = values.find((s) => !isValidScope(s));
    if (bad !== undefined) ctx.addIssue({ code: "custom", message: `Invalid scope: ${bad}` });
  });

const scopedOrganizations = z.array(z.string().max(100)).max(100).nullable();

export const createPersonalApiKeyInput = z.object({
  label: z.string().trim().min(1).max(40),
  scopes,
  scoped_organizations: scopedOrganizations.optional(),
});

export const updatePersonalApiKeyInput = z.object({
  id: z.string(),
  label: z.string().trim().min(1).max(40).optional(),
  scopes: scopes.optional(),
  scoped_organizations: scopedOrganizations.optional(),
});

export const personalApiKeyIdInput = z.object({ id: z.string() });

export type CreatePersonalApiKeyInput = z.input<typeof createPersonalApiKeyInput>;

const keyFields = {
  id: z.uuid(),
  label: z.string(),
  mask_value: z.string().meta({ description: "The key's prefix and its last 4 characters." }),
  created_at: timestamp,
  last_used_at: timestamp.nullable(),
  last_rolled_at: timestamp.nullable(),
  user_id: z.uuid().meta({ description: "The owner's UUID." }),
  scopes: z.array(z.string()),
  scoped_organizations: z.array(z.uuid()).meta({ description: "Organizations the key may reach; empty means all of the owner's." }),
  scoped_teams: z.array(z.int()),
};

/** One of the caller's personal API keys, without its value. */
export const PersonalAPIKey = z.strictObject(keyFields).meta({ id: "PersonalAPIKey" });
export type PersonalAPIKey = z.infer<typeof PersonalAPIKey>;

/** A key just created or rolled: the only time its value is shown. */
export const PersonalAPIKeyWithValue = z.strictObject({ ...keyFields, value: z.string() }).meta({ id: "PersonalAPIKeyWithValue" });

/** A page of the caller's keys. */
export const PaginatedPersonalAPIKeyList = paginated(PersonalAPIKey, "PersonalAPIKey");
