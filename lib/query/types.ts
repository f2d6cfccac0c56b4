/**
 * The REST API's wire shapes as the console's client code reads them (api-behavior §2.0). Client code cannot import
 * lib/services, so these are written down here; server pages pass the operations' results into props of these types,
 * and the compiler checks that the two agree.
 */
import type { Level } from "../auth/permissions";

export type ListPage<T> = { count: number; next: string | null; previous: string | null; results: T[] };

export type OrganizationSummary = { id: string; name: string; slug: string; membership_level: number };

export type Organization = {
  id: string;
  name: string;
  slug: string;
  membership_level: Level | null;
  member_count: number;
  enforce_2fa: boolean | null;
  members_can_invite: boolean;
  members_can_use_personal_api_keys: boolean;
  is_member_join_email_enabled: boolean;
  created_at: string;
};

export type UserBasic = {
  uuid: string;
  first_name: string;
  last_name: string;
  email: string;
};

export type Me = UserBasic & {
  role_at_organization: string | null;
  organization: OrganizationSummary | null;
  organizations: OrganizationSummary[];
};

export type PersonalApiKey = {
  id: string;
  label: string;
  mask_value: string;
  created_at: string;
  last_used_at: string | null;
  last_rolled_at: string | null;
  scopes: string[];
  scoped_organizations: string[];
};

export type ActivityChange = { type: string; field: string; action: "created" | "changed" | "deleted"; before: unknown; after: unknown };

export type ActivityEntry = {
  id: string | number;
  user: UserBasic | null;
  is_system: boolean;
  scope: string;
  item_id: string;
  activity: string;
  detail: { name: string; changes?: ActivityChange[] };
  created_at: string;
};

/** OrganizationMember (§2.5); `search_match_type` only when the list is searched. */
export type Member = {
  id: string;
  user: UserBasic;
  level: Level;
  joined_at: string;
  updated_at: string;
  is_2fa_enabled: boolean;
  has_social_auth: boolean;
  last_login: string | null;
  search_match_type?: "exact" | "similar";
};

/** A member's personal API keys that reach the organization (sessions only). */
export type MemberScopedApiKeys = { has_keys: boolean; has_keys_active_last_week: boolean; keys: { name: string; last_used_at: string | null }[] };

/** A member's linked GitHub account, if any. */
export type MemberGithubLogin = { github_login: string | null };

/** OrganizationInvite (§2.4), pending or expired. */
export type Invite = {
  id: string;
  target_email: string;
  first_name: string;
  emailing_attempt_made: boolean;
  level: Level;
  is_expired: boolean;
  created_by: UserBasic | null;
  created_at: string;
  updated_at: string;
  message: string | null;
  private_project_access: { id: number; level: "member" | "admin" }[];
};

/** An invitation waiting for the signed-in person, with the token of its link (/invites/<token>). */
export type MyInvite = { id: string; organization: { id: string; name: string }; level: Level; token: string; expires_at: string | null };

export type OutboxStatus = "pending" | "sending" | "sent" | "failed" | "held";

/** One email of the organization's outbox (admins): what was sent or would have been, and every attempt. */
export type OutboxEmail = {
  id: string;
  kind: string;
  message_id: string;
  from: string;
  to: string;
  reply_to: string | null;
  subject: string;
  text: string;
  html: string;
  status: OutboxStatus;
  attempts: { attempted_at: string; outcome: string; error: string | null }[];
  next_attempt_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
};
