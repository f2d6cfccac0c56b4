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
