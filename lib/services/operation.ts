import type { z } from "zod";
import type { Db } from "../../db/client";
import type { AuthUser, Principal } from "../auth/principal";
import { ADMIN, type Level } from "../auth/permissions";
import { scopesAllow, type Scope } from "../auth/scopes";
import { env } from "../env";
import { AppError, LEVEL_INSUFFICIENT, organizationNotFound, permissionDenied } from "../errors";
import { parseInput } from "../schemas/parse";
import { resolveOrganization, type OrganizationAccess } from "./organization-access";

export type Context = {
  db: Db;
  principal: Principal;
  now: Date;
};

export type OrgContext = Context & OrganizationAccess & { membership: NonNullable<OrganizationAccess["membership"]> };

type Common<S extends z.ZodType> = {
  /** API-key scope this operation needs; null refuses API keys (a custom action that declares none). */
  scope: Scope | null;
  input: S;
};

export type UserOperation<S extends z.ZodType, R> = Common<S> & {
  organization?: false;
  run: (ctx: Context & { user: AuthUser }, input: z.output<S>) => Promise<R>;
};

export type OrgOperation<S extends z.ZodType, R> = Common<S> & {
  organization: true;
  /** Minimum membership level; finer rules live in `run`. */
  level: Level;
  /** TimeSensitive (api-behavior §1.4): cookie sessions older than SESSION_SENSITIVE_ACTIONS_AGE are refused. */
  sensitive?: boolean;
  /** A permission beyond the level, checked before the input is validated (e.g. "can invite"). */
  authorize?: (ctx: OrgContext & { user: AuthUser }) => void;
  run: (ctx: OrgContext & { user: AuthUser }, input: z.output<S>) => Promise<R>;
};

export type Operation<S extends z.ZodType = z.ZodType, R = unknown> = UserOperation<S, R> | OrgOperation<S, R>;

/** Declares an operation; the permission pipeline runs before `run`, in the order of api-behavior §1.4. */
export function operation<S extends z.ZodType, R>(def: OrgOperation<S, R>): OrgOperation<S, R>;
export function operation<S extends z.ZodType, R>(def: UserOperation<S, R>): UserOperation<S, R>;
export function operation<S extends z.ZodType, R>(def: Operation<S, R>): Operation<S, R> {
  return def;
}

export type Invocation = {
  db: Db;
  principal: Principal | null;
  /** The raw `:organization_id` of the path (a UUID or `@current`). */
  organizationId?: string;
  input: unknown;
  now?: Date;
};

function checkKeyScope(principal: Principal, scope: Scope | null) {
  if (principal.kind !== "api_key") return;
  if (scope === null) throw permissionDenied("This action does not support personal API key access");
  if (!scopesAllow(principal.key.scopes, scope)) throw permissionDenied(`API key missing required scope '${scope}'`);
}

/** The organization steps of the pipeline: key scoping, membership 403, 2FA (decision 16), level 403, TimeSensitive. */
export function checkOrganizationAccess(principal: Principal, access: OrganizationAccess, op: { level: Level; sensitive?: boolean }, now: Date) {
  const { organization, membership } = access;
  if (principal.kind === "api_key") {
    const scoped = principal.key.scopedOrganizations;
    if (scoped.length > 0 && !scoped.includes(organization.id)) {
      throw permissionDenied(`API key does not have access to the requested organization: ID ${organization.id}.`);
    }
    if (membership && !organization.membersCanUsePersonalApiKeys && membership.level < ADMIN) {
      throw permissionDenied(
        `Organization '${organization.name}' does not allow using personal API keys. Contact an admin to enable personal API keys for this organization.`,
      );
    }
  }
  if (!membership) throw permissionDenied();
  if (principal.kind === "session" && organization.enforce2fa && !principal.session.mfa) {
    throw new AppError("two_factor_required");
  }
  if (membership.level < op.level) throw permissionDenied(LEVEL_INSUFFICIENT);
  if (op.sensitive && principal.kind === "session") {
    const ageSeconds = (now.getTime() - principal.session.signedInAt.getTime()) / 1000;
    if (ageSeconds > env().SESSION_SENSITIVE_ACTIONS_AGE) throw new AppError("sensitive_action_required_reauth");
  }
}

/** Runs an operation for a caller: 401, API-key scope, organization (404), membership 403, 2FA, level 403, then input. */
export async function execute<S extends z.ZodType, R>(op: Operation<S, R>, call: Invocation): Promise<R> {
  const { principal, db } = call;
  const now = call.now ?? new Date();
  if (!principal) throw new AppError("not_authenticated");
  checkKeyScope(principal, op.scope);
  const user = principal.user;
  if (!user) throw new AppError("not_authenticated");
  if (!op.organization) {
    const input = parseInput(op.input, call.input);
    return op.run({ db, principal, now, user }, input);
  }
  const access = await resolveOrganization(db, user, call.organizationId ?? "");
  if (!access) throw organizationNotFound();
  checkOrganizationAccess(principal, access, op, now);
  const ctx = { db, principal, now, user, organization: access.organization, membership: access.membership! };
  op.authorize?.(ctx);
  return op.run(ctx, parseInput(op.input, call.input));
}

