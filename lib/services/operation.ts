import type { z } from "zod";
import type { Db } from "../../db/client";
import { defaultAdapters, type Adapters } from "../adapters";
import {
  isOrganizationPermission,
  scopeFor,
  type OrganizationPermission,
  type Permission,
} from "../auth/permissions";
import { ANONYMOUS, isUserCaller, type AuthUser, type CallerKind, type Principal, type UserCallerKind } from "../auth/principal";
import { scopesAllow } from "../auth/scopes";
import { AppError, organizationNotFound, permissionDenied } from "../errors";
import { parseInput } from "../schemas/parse";
import type { DirectoryPermission } from "../auth/directory-permissions";
import { checkKeyProjects, checkOrganizationAccess } from "./access-checks";
import { requireDirectoryPermission, requireUnboundDirectoryPermission } from "./directory/grants";
import { resolveAccess, type Membership, type OrganizationRow } from "./organization-access";

export type Context = {
  db: Db;
  principal: Principal;
  now: Date;
  /** Every outside system (mail today; DNS, storage, e-signature, SAML next), built from the configuration. */
  adapters: Adapters;
};

/** True when every kind of caller the operation accepts is a signed-in person. */
type OnlyUsers<C extends CallerKind> = [Exclude<C, UserCallerKind>] extends [never] ? true : false;

/** What an operation that acts for the caller alone gets: the user, when only users may call it. */
export type CallerContext<C extends CallerKind = UserCallerKind> = Context &
  (OnlyUsers<C> extends true ? { user: AuthUser } : { user: AuthUser | null });

/** What an organization's operation gets: its organization, and the caller's membership when the caller is a user. */
export type OrgContext<C extends CallerKind = UserCallerKind> = Context & { organization: OrganizationRow } & (OnlyUsers<C> extends true
    ? { user: AuthUser; membership: Membership }
    : { user: AuthUser | null; membership: Membership | null });

type UserPermission = Exclude<Permission, OrganizationPermission>;

type Common<S extends z.ZodType, C extends CallerKind> = {
  /** The capability this operation exercises; the API-key scope and the roles that may use it derive from it. */
  permission: Permission;
  /** The kinds of caller that may run it; any other is refused before anything else is looked at. */
  callers: readonly C[];
  input: S;
  /**
   * A directory API operation's permission string: users hold it through their roles (built-in and custom), service
   * accounts through their grants; outside an organization every signed-in person holds it.
   */
  directory?: DirectoryPermission;
};

export type UserOperation<S extends z.ZodType, R, C extends CallerKind = UserCallerKind> = Common<S, C> & {
  permission: UserPermission;
  run(ctx: CallerContext<C>, input: z.output<S>): Promise<R>;
};

export type OrgOperation<S extends z.ZodType, R, C extends Exclude<CallerKind, "anonymous"> = UserCallerKind> = Common<S, C> & {
  permission: OrganizationPermission;
  /** Cookie sessions signed in longer ago than SESSION_SENSITIVE_ACTIONS_AGE are refused (re-authenticate first). */
  sensitive?: boolean;
  /** The 403 message for a member whose level lacks the permission, where it is not the usual one. */
  levelDenial?: string;
  /** A project endpoint: the only kind a project-scoped personal API key may call (the operation checks which project). */
  project?: true;
  /**
   * The operation by which a person joins the organization: a non-member passes the membership and role steps, and
   * `authorize` (the join rule) is the whole access check. Its context's `membership` is null for a non-member.
   */
  joining?: true;
  /** A rule beyond the permission, checked before the input is validated (e.g. "can invite"). */
  authorize?(ctx: OrgContext<C>): void | Promise<void>;
  run(ctx: OrgContext<C>, input: z.output<S>): Promise<R>;
};

// The widest operation type: what transports and the OpenAPI document handle without knowing the operation
// (`run` and `authorize` are methods, so an operation of any callers is one of these).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Operation<S extends z.ZodType = z.ZodType, R = unknown> = UserOperation<S, R, any> | OrgOperation<S, R, any>;

/** Declares an operation; the permission pipeline runs before `run`, in a fixed order (see `execute`). */
export function operation<S extends z.ZodType, R, C extends Exclude<CallerKind, "anonymous"> = UserCallerKind>(
  def: OrgOperation<S, R, C>,
): OrgOperation<S, R, C>;
export function operation<S extends z.ZodType, R, C extends CallerKind = UserCallerKind>(def: UserOperation<S, R, C>): UserOperation<S, R, C>;
export function operation<S extends z.ZodType, R>(def: Operation<S, R>): Operation<S, R> {
  return def;
}

/** The API-key scope an operation needs (null: personal API keys are refused). */
export function requiredScope(op: Operation) {
  return scopeFor(op.permission);
}

export type Invocation = {
  db: Db;
  principal: Principal | null;
  /** The raw `:organization_id` of the path (a UUID or `@current`). */
  organizationId?: string;
  input: unknown;
  now?: Date;
  adapters?: Adapters;
};

/** A caller of a kind the operation does not declare: keys get the message of an action without a scope. */
function refuseCaller(kind: CallerKind): never {
  if (kind === "api_key") throw permissionDenied("This action does not support personal API key access");
  if (kind === "anonymous") throw new AppError("not_authenticated");
  throw permissionDenied();
}

function checkKeyScope(principal: Principal, permission: Permission) {
  if (principal.kind !== "api_key") return;
  const scope = scopeFor(permission);
  if (scope === null) refuseCaller("api_key");
  if (!scopesAllow(principal.key.scopes, scope)) throw permissionDenied(`API key missing required scope '${scope}'`);
}

/**
 * Runs an operation for a caller, first failure winning: 401 without credentials, the caller's kind, the API-key
 * scope, the organization (404), then for users key scoping, membership 403, two-factor, role 403 and the
 * re-authentication window, or for machine callers their binding and grants; then the operation's own rule, the
 * input, and `run`.
 */
export async function execute<S extends z.ZodType, R>(op: Operation<S, R>, call: Invocation): Promise<R> {
  const { db } = call;
  const now = call.now ?? new Date();
  const adapters = call.adapters ?? defaultAdapters();
  const accepts = (kind: CallerKind) => (op.callers as readonly CallerKind[]).includes(kind);
  const principal = call.principal ?? (accepts("anonymous") ? ANONYMOUS : null);
  if (!principal) throw new AppError("not_authenticated");
  if (!accepts(principal.kind)) refuseCaller(principal.kind);
  checkKeyScope(principal, op.permission);
  if (isUserCaller(principal.kind) && !principal.user) throw new AppError("not_authenticated");
  const base = { db, principal, now, adapters, user: principal.user };

  if (!isOrganizationPermission(op.permission)) {
    const userOp = op as UserOperation<S, R, CallerKind>;
    checkKeyProjects(principal, false);
    if (op.directory) requireUnboundDirectoryPermission(principal, op.directory);
    return userOp.run(base, parseInput(op.input, call.input));
  }
  const orgOp = op as OrgOperation<S, R, Exclude<CallerKind, "anonymous">>;
  const access = await resolveAccess(db, principal, call.organizationId);
  if (!access) throw organizationNotFound();
  checkOrganizationAccess(principal, access, orgOp, now);
  if (op.directory) await requireDirectoryPermission(db, principal, access, op.directory);
  const ctx = { ...base, organization: access.organization, membership: access.membership };
  // A joining operation's rule is its whole access check: without one it admits nobody.
  if (orgOp.joining && !orgOp.authorize) throw permissionDenied();
  await orgOp.authorize?.(ctx);
  return orgOp.run(ctx, parseInput(op.input, call.input));
}
