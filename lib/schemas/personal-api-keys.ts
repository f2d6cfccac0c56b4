import { z } from "zod";
import { isValidScope } from "../auth/scopes";
import { echo } from "../errors";
import { paginated, text, timestamp, withoutNul } from "./common";

export const MAX_KEYS_PER_USER = 10;
/** How many organizations one key may be scoped to. */
export const MAX_SCOPED_ORGANIZATIONS = 50;

const unique = <T>(values: T[]) => [...new Set(values)];

/** Known scopes only, each kept once however often it is listed. */
const scopes = z
  .array(text(100))
  .min(1)
  .max(100)
  .superRefine((values, ctx) => {
    const bad = values.find((s) => !isValidScope(s));
    if (bad !== undefined) ctx.addIssue({ code: "custom", message: `Invalid scope: ${echo(bad)}` });
  })
  .transform(unique);

/** Organization ids, each kept once (ids compare in lower case), at most 50 of them. */
const scopedOrganizations = z
  .array(text(100).transform((id) => id.toLowerCase()))
  .transform(unique)
  .pipe(z.array(z.string()).max(MAX_SCOPED_ORGANIZATIONS))
  .nullable();

/** How many projects one key may be scoped to. */
export const MAX_SCOPED_TEAMS = 50;

/** Project ids, each kept once; empty means the key is not limited to some projects. */
const scopedTeams = z.array(z.int().min(1)).transform(unique).pipe(z.array(z.int()).max(MAX_SCOPED_TEAMS)).nullable();

const label = withoutNul(z.string().trim().min(1).max(40));

export const createPersonalApiKeyInput = z.object({
  label,
  scopes,
  scoped_organizations: scopedOrganizations.optional(),
  scoped_teams: scopedTeams.optional(),
});

export const updatePersonalApiKeyInput = z.object({
  id: z.string(),
  label: label.optional(),
  scopes: scopes.optional(),
  scoped_organizations: scopedOrganizations.optional(),
  scoped_teams: scopedTeams.optional(),
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
  scoped_teams: z.array(z.int()).meta({ description: "Projects the key may reach (project endpoints only); empty means not limited to some projects." }),
};

/** One of the caller's personal API keys, without its value. */
export const PersonalAPIKey = z.strictObject(keyFields).meta({ id: "PersonalAPIKey" });
export type PersonalAPIKey = z.infer<typeof PersonalAPIKey>;

/** A key just created or rolled: the only time its value is shown. */
export const PersonalAPIKeyWithValue = z.strictObject({ ...keyFields, value: z.string() }).meta({ id: "PersonalAPIKeyWithValue" });

/** A page of the caller's keys. */
export const PaginatedPersonalAPIKeyList = paginated(PersonalAPIKey, "PersonalAPIKey");
