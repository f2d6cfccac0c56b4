import { z } from "zod";
import { isValidScope } from "../auth/scopes";

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
