import { z } from "zod";
import { emailAddress, emailInput, membershipLevel, paginated, timestamp, withoutNul } from "./common";
import { UserBasic } from "./users";

export const INVITE_DAYS_VALIDITY = 3;
export const MAX_BULK_INVITES = 20;

/** One invitation; `private_project_access` is checked by the operation, after the level ceiling. */
export const createInviteInput = z.object({
  target_email: emailInput,
  level: membershipLevel.default(1),
  first_name: withoutNul(z.string().trim().max(30)).default(""),
  message: withoutNul(z.string().trim().max(1000)).nullable().default(null),
  private_project_access: z.unknown().optional(),
  send_email: z.boolean().default(true),
  combine_pending_invites: z.boolean().default(false),
});

export type CreateInviteInput = z.output<typeof createInviteInput>;

export const delegateInviteInput = z.object({
  target_email: emailInput,
  message: withoutNul(z.string().trim().max(1000)).nullable().default(null),
  step_at_delegation: withoutNul(z.string().max(64)).nullable().optional(),
});

export const inviteIdInput = z.object({ id: z.string() });

/** Addresses to look up among the pending invitations (a bulk preview holds at most a few dozen). */
export const pendingInvitesInput = z.object({ emails: z.array(emailInput).max(100) });

/** Access to one private project that joining grants (stored as is in the invitation's `private_project_access`). */
export type ProjectAccess = { id: number; level: "member" | "admin" };

const accessFailure = (message: string) => ({ ok: false as const, message });

/** The shape rules of `private_project_access`, with their exact messages. Null or missing is an empty list. */
export function parseProjectAccess(value: unknown): { ok: true; value: ProjectAccess[] } | { ok: false; message: string } {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value)) return accessFailure("The field must be a list of dictionaries.");
  const result: ProjectAccess[] = [];
  for (const item of value) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return accessFailure("Each item in the list must be a dictionary.");
    const entry = item as Record<string, unknown>;
    if (!("id" in entry) || !("level" in entry)) return accessFailure('Each dictionary must contain "id" and "level" keys.');
    if (typeof entry.id !== "number" || !Number.isSafeInteger(entry.id)) return accessFailure('The "id" field must be an integer.');
    if (entry.level !== "member" && entry.level !== "admin") return accessFailure('The "level" field must be a valid access level.');
    result.push({ id: entry.id, level: entry.level });
  }
  return { ok: true, value: result };
}

/** One private project that accepting the invitation grants. */
export const PrivateProjectAccess = z
  .strictObject({ id: z.int(), level: z.enum(["member", "admin"]) })
  .meta({ id: "PrivateProjectAccess" });

/** An invitation, pending or expired. */
export const OrganizationInvite = z
  .strictObject({
    id: z.uuid(),
    target_email: emailAddress,
    first_name: z.string(),
    emailing_attempt_made: z.boolean().meta({ description: "True when the invitation email was queued for delivery." }),
    level: membershipLevel,
    is_expired: z.boolean(),
    created_by: UserBasic.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    message: z.string().nullable(),
    private_project_access: z.array(PrivateProjectAccess),
  })
  .meta({ id: "OrganizationInvite" });
export type OrganizationInvite = z.infer<typeof OrganizationInvite>;

/** A page of invitations. */
export const PaginatedOrganizationInviteList = paginated(OrganizationInvite, "OrganizationInvite");

/** The body of a delegation: who should set the organization up, and a note for them. */
export const OrganizationInviteDelegate = delegateInviteInput.meta({ id: "OrganizationInviteDelegate" });

/** An invitation waiting for the signed-in person, with the token of its link (`/invites/<token>`). */
export const PendingOrganizationInvite = z
  .strictObject({
    id: z.uuid(),
    organization: z.strictObject({ id: z.uuid(), name: z.string() }),
    level: membershipLevel,
    token: z.string(),
    expires_at: timestamp,
  })
  .meta({ id: "PendingOrganizationInvite" });
