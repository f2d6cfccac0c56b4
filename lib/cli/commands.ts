import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { getDb, getHandle, migrationCount } from "../../db/client";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from "../auth/cookies";
import type { Principal } from "../auth/principal";
import { AppError } from "../errors";
import { addMember, adminUserView, createUser, deactivateUser, requireUserByEmail } from "../services/admin";
import { listOAuthApplicationsForOperator, setOAuthApplicationVerified } from "../services/oauth-applications-admin";
import { execute } from "../services/operation";
import { removeOrganizationLogo, setOrganizationLogo } from "../services/organization-logo";
import { createOrganization } from "../services/organizations";
import { createPersonalApiKey } from "../services/personal-api-keys";
import { createServiceAccountForOperator } from "../services/service-accounts/admin";
import { createSessionRow } from "../services/sessions";
import { iso } from "../services/serialize";
import { seedDemo } from "./seed-demo";

/** Bad input to the CLI: one line on stderr and exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: npm run --silent cli -- <command>
  user create --email E [--first-name F] [--last-name L]
  user deactivate --email E
  org create --name N --owner-email E
  org logo --org ORG_ID --email E (--file PATH | --remove)
  member add --org ORG_ID --email E --level 1|8|15
  api-key create --email E --label L --scopes "*"|"obj:read,obj:write" [--orgs ORG_ID,...]
  session create --email E [--mfa] [--signed-in-seconds-ago N]
  oauth-app verify --id APP_ID [--unverify]
  oauth-app unverify --id APP_ID
  oauth-app list [--organization ORG_ID]
  service-account create --org ORG_ID --name N [--permissions p1,p2]
  migrate
  seed-demo`;

type Flags = Record<string, string | boolean | undefined>;

function flags(args: string[], spec: Record<string, "string" | "boolean">): Flags {
  try {
    const options = Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }]));
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Flags;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function required(values: Flags, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

async function asUser(email: string): Promise<Principal> {
  return { kind: "cli", user: await requireUserByEmail(await getDb(), email) };
}

type Command = (args: string[]) => Promise<unknown>;

const COMMANDS: Record<string, Command> = {
  "user create": async (args) => {
    const f = flags(args, { email: "string", "first-name": "string", "last-name": "string" });
    const input = {
      email: required(f, "email"),
      first_name: (f["first-name"] as string | undefined) ?? "",
      last_name: (f["last-name"] as string | undefined) ?? "",
    };
    return adminUserView(await createUser(await getDb(), input));
  },
  "user deactivate": async (args) => {
    const email = required(flags(args, { email: "string" }), "email");
    return adminUserView(await deactivateUser(await getDb(), email));
  },
  "org create": async (args) => {
    const f = flags(args, { name: "string", "owner-email": "string" });
    const name = required(f, "name");
    const principal = await asUser(required(f, "owner-email"));
    return execute(createOrganization, { db: await getDb(), principal, input: { name } });
  },
  "org logo": async (args) => {
    const f = flags(args, { org: "string", email: "string", file: "string", remove: "boolean" });
    const organizationId = required(f, "org");
    const principal = await asUser(required(f, "email"));
    if (f.remove === true) return execute(removeOrganizationLogo, { db: await getDb(), principal, organizationId, input: {} });
    const logo = new Uint8Array(await readFile(required(f, "file")));
    return execute(setOrganizationLogo, { db: await getDb(), principal, organizationId, input: { logo } });
  },
  "member add": async (args) => {
    const f = flags(args, { org: "string", email: "string", level: "string" });
    const raw = required(f, "level");
    const input = { organization_id: required(f, "org"), email: required(f, "email"), level: /^\d+$/.test(raw) ? Number(raw) : raw };
    return addMember(await getDb(), input);
  },
  "api-key create": async (args) => {
    const f = flags(args, { email: "string", label: "string", scopes: "string", orgs: "string" });
    const input = {
      label: required(f, "label"),
      scopes: list(required(f, "scopes")),
      scoped_organizations: typeof f.orgs === "string" ? list(f.orgs) : [],
    };
    const principal = await asUser(required(f, "email"));
    const key = await execute(createPersonalApiKey, { db: await getDb(), principal, input });
    return { id: key.id, key: key.value, label: key.label, scopes: key.scopes, scoped_organizations: key.scoped_organizations };
  },
  "session create": async (args) => {
    const f = flags(args, { email: "string", mfa: "boolean", "signed-in-seconds-ago": "string" });
    const email = required(f, "email");
    const ago = f["signed-in-seconds-ago"] === undefined ? 0 : Number(f["signed-in-seconds-ago"]);
    if (!Number.isSafeInteger(ago) || ago < 0) throw new UsageError("--signed-in-seconds-ago must be a whole number of seconds");
    const db = await getDb();
    const user = await requireUserByEmail(db, email);
    if (!user.isActive) throw new UsageError("This user is deactivated and cannot sign in.");
    // Backdating the sign-in lets tests reach the re-authentication window and the absolute lifetime without waiting;
    // the sliding expiry runs from now, as for a session kept in use since that sign-in.
    const { token, session } = await createSessionRow(db, {
      userId: user.id,
      mfa: f.mfa === true,
      now: new Date(Date.now() - ago * 1000),
      expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    });
    return { cookie_name: sessionCookieName(), cookie_value: token, expires: iso(session.expires) };
  },
  "oauth-app verify": async (args) => {
    const f = flags(args, { id: "string", unverify: "boolean" });
    return setOAuthApplicationVerified(await getDb(), required(f, "id"), f.unverify !== true);
  },
  "oauth-app unverify": async (args) => {
    const f = flags(args, { id: "string" });
    return setOAuthApplicationVerified(await getDb(), required(f, "id"), false);
  },
  "oauth-app list": async (args) => {
    const f = flags(args, { organization: "string" });
    return listOAuthApplicationsForOperator(await getDb(), typeof f.organization === "string" ? f.organization : undefined);
  },
  "service-account create": async (args) => {
    const f = flags(args, { org: "string", name: "string", permissions: "string" });
    const permissions = typeof f.permissions === "string" ? list(f.permissions) : [];
    return createServiceAccountForOperator(await getDb(), required(f, "org"), { name: required(f, "name"), permissions });
  },
  migrate: async (args) => {
    flags(args, {});
    const handle = await getHandle();
    return { migrated: true, database: handle.kind, migrations: migrationCount() };
  },
  "seed-demo": async (args) => {
    flags(args, {});
    return seedDemo(await getDb());
  },
};

/** Runs one CLI command against the configured database and returns its JSON result. */
export async function runCommand(argv: string[]): Promise<unknown> {
  const twoWords = `${argv[0] ?? ""} ${argv[1] ?? ""}`;
  if (COMMANDS[twoWords]) return COMMANDS[twoWords](argv.slice(2));
  if (argv[0] && COMMANDS[argv[0]]) return COMMANDS[argv[0]](argv.slice(1));
  throw new UsageError(argv.length ? `Unknown command "${argv.join(" ")}"; run the CLI with no arguments for its usage.` : USAGE);
}

/** What the CLI prints for a failure and the exit code it ends with. */
export function describeFailure(err: unknown): { message: string; exitCode: number } {
  if (err instanceof UsageError) return { message: err.message, exitCode: 2 };
  if (err instanceof AppError) {
    const attr = err.body.attr ? ` (${err.body.attr})` : "";
    return { message: `${err.body.code}: ${err.body.detail}${attr}`, exitCode: 2 };
  }
  return { message: `Unexpected error: ${(err as Error)?.message ?? String(err)}`, exitCode: 1 };
}
