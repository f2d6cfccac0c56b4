import type { DnsResolver } from "../adapters/dns";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb } from "../../db/client";
import { organizationMemberships } from "../../db/schema";
import type { Level } from "../auth/permissions";
import { AppError } from "../errors";
import type { AuthUser, Principal } from "../auth/principal";
import { addMember, createUser } from "../services/admin";
import { execute, type Operation } from "../services/operation";
import { createOrganization } from "../services/organizations";
import { createPersonalApiKey } from "../services/personal-api-keys";
import { createSessionRow } from "../services/sessions";

/** Test data builders: each test makes its own users and organization, so tests never share state. */
export const uniqueEmail = (name = "user") => `${name}-${randomBytes(5).toString("hex")}@example.test`;

export async function makeUser(name = "user") {
  return createUser(await getDb(), { email: uniqueEmail(name), first_name: name, last_name: "Tester" });
}

export function sessionOf(user: AuthUser, options: { mfa?: boolean; signedInAt?: Date } = {}): Principal {
  return { kind: "session", user, session: { id: "test", signedInAt: options.signedInAt ?? new Date(), mfa: options.mfa ?? false } };
}

export function apiKeyOf(user: AuthUser, scopes: string[], scopedOrganizations: string[] = [], scopedTeams: number[] = []): Principal {
  return { kind: "api_key", user, key: { id: "test", label: "test", scopes, scopedOrganizations, scopedTeams } };
}

/** Runs an operation as a caller, the way the REST adapter does. */
export async function call<S extends z.ZodType, R>(op: Operation<S, R>, principal: Principal | null, input: unknown = {}, organizationId?: string) {
  return execute(op, { db: await getDb(), principal, input, organizationId });
}

/** An organization owned by a fresh user, with optional extra members by level. */
export async function makeOrganization(extra: Level[] = []) {
  const owner = await makeUser("owner");
  const org = await execute(createOrganization, { db: await getDb(), principal: sessionOf(owner), input: { name: `Org ${randomBytes(3).toString("hex")}` } });
  const members: AuthUser[] = [];
  for (const level of extra) {
    const user = await makeUser(`level${level}`);
    await addMember(await getDb(), { organization_id: org.id, email: user.email, level });
    members.push(user);
  }
  return { org, owner, members };
}

export async function makeApiKey(user: AuthUser, scopes: string[] = ["*"], scopedOrganizations: string[] = []) {
  return execute(createPersonalApiKey, {
    db: await getDb(),
    principal: { kind: "cli", user },
    input: { label: "test key", scopes, scoped_organizations: scopedOrganizations },
  });
}

export async function makeSession(user: AuthUser, options: { mfa?: boolean; now?: Date } = {}) {
  return createSessionRow(await getDb(), { userId: user.id, ...options });
}

/** Asserts that a promise rejects with an AppError of this status and code (and detail and attr when given). */
export async function expectAppError(
  promise: Promise<unknown>,
  status: number,
  code: string,
  expected: { detail?: string; attr?: string | null } = {},
) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.status, status, `status of ${JSON.stringify(err.body)}`);
    assert.equal(err.body.code, code, `code of ${JSON.stringify(err.body)}`);
    if (expected.detail !== undefined) assert.equal(err.body.detail, expected.detail);
    if (expected.attr !== undefined) assert.equal(err.body.attr, expected.attr);
    return true;
  });
}

/** Runs an operation at a given time (`now`), for tests of ordering and time windows. */
export async function callAt<S extends z.ZodType, R>(
  op: Operation<S, R>,
  principal: Principal | null,
  input: unknown,
  organizationId: string | undefined,
  now: Date,
) {
  return execute(op, { db: await getDb(), principal, input, organizationId, now });
}

/** A project of an organization, written directly (no caller, no audit); `private` turns access control on. */
export async function makeProject(organizationId: string, options: { private?: boolean } = {}) {
  const { projects } = await import("../../db/schema");
  const [project] = await (await getDb())
    .insert(projects)
    .values({
      organizationId,
      name: `Project ${randomBytes(3).toString("hex")}`,
      apiToken: `odp_${randomBytes(24).toString("base64url")}`,
      accessControl: options.private ?? false,
    })
    .returning();
  return project;
}

/** The id of `user`'s membership of the organization (custom roles are assigned to memberships). */
export async function membershipId(organizationId: string, user: AuthUser): Promise<string> {
  const [row] = await (await getDb())
    .select({ id: organizationMemberships.id })
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, organizationId), eq(organizationMemberships.userId, user.id)));
  return row.id;
}

/** Runs `fn` with some environment variables set (undefined unsets), re-reading the configuration before and after. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const { resetEnvCache } = await import("../env");
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** A DNS resolver that never answers, for adapters built in tests that make no lookups. */
export const unreachableDns: DnsResolver = { txt: async () => null };
