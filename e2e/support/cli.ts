import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { ADMIN_PATH, ADMIN_SECRET_HEADER, readAdminFile } from "../../lib/cli/handoff";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

type Outcome = { ok: true; result: unknown } | { ok: false; message: string; exitCode: number };
/**
 * The loopback listener the CLI itself hands commands to (lib/cli/handoff.ts), which the test server starts on either
 * database. Calling it directly runs the same command in the same process, without starting Node and tsx for every
 * command.
 */
function adminEndpoint() {
  return process.env.E2E_DATA_DIR ? readAdminFile(process.env.E2E_DATA_DIR) : null;
}

/** The admin CLI as a real process: exit code and stderr as an operator sees them. */
export async function cliProcess<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ORGDECK_DATA_DIR: process.env.E2E_DATA_DIR, LOG_LEVEL: "silent" },
  });
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** The admin CLI against the test server's database (handed to the server while it holds the data folder). */
export async function cli<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const admin = adminEndpoint();
  if (!admin) return cliProcess<T>(...args);
  return handOff<T>(admin, args);
}

/** The admin CLI of another running server, by its data folder. */
export async function cliAt<T = Record<string, unknown>>(dataDir: string, ...args: string[]): Promise<T> {
  const admin = readAdminFile(dataDir);
  if (!admin) throw new Error(`no admin listener for ${dataDir}`);
  return handOff<T>(admin, args);
}

async function handOff<T>(admin: { port: number; secret: string }, args: string[]): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${admin.port}${ADMIN_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", [ADMIN_SECRET_HEADER]: admin.secret },
    body: JSON.stringify({ argv: args }),
  });
  const outcome = (await res.json()) as Outcome;
  if (outcome.ok) return outcome.result as T;
  // The shape execFile rejects with, so callers see the CLI's exit code and stderr either way.
  throw Object.assign(new Error(`cli ${args.join(" ")}: ${outcome.message}`), { code: outcome.exitCode, stderr: `${outcome.message}\n` });
}

/** The CLI's exit code and stderr for a command expected to fail (always a real CLI process). */
export async function cliFailure(...args: string[]) {
  try {
    await cliProcess(...args);
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error(`expected "${args.join(" ")}" to fail`);
}

export const uniqueEmail = (name = "user") => `${name}-${randomBytes(5).toString("hex")}@example.test`;

export type User = { id: number; uuid: string; email: string; first_name: string; last_name: string };
export type Org = { id: string; name: string; slug: string };

export async function makeUser(name = "user") {
  return cli<User>("user", "create", "--email", uniqueEmail(name), "--first-name", name);
}

export async function addMember(orgId: string, email: string, level: number) {
  return cli("member", "add", "--org", orgId, "--email", email, "--level", String(level));
}

/** An organization with its owner, a `*` key for the owner, and members of the given levels with keys. */
export async function makeOrganization(levels: number[] = []) {
  const owner = await makeUser("owner");
  const org = await cli<Org>("org", "create", "--name", `Org ${randomBytes(3).toString("hex")}`, "--owner-email", owner.email);
  const ownerKey = (await cli<{ key: string }>("api-key", "create", "--email", owner.email, "--label", "owner", "--scopes", "*")).key;
  const members: Array<User & { key: string }> = await Promise.all(
    levels.map(async (level) => {
      const user = await makeUser(`level${level}`);
      await addMember(org.id, user.email, level);
      const key = (await cli<{ key: string }>("api-key", "create", "--email", user.email, "--label", "member", "--scopes", "*")).key;
      return { ...user, key };
    }),
  );
  return { org, owner, ownerKey, members };
}

export async function makeKey(email: string, scopes: string, orgs?: string) {
  return (await makeKeyWithId(email, scopes, orgs)).key;
}

/** A key with its id (for the personal_api_keys endpoints). */
export async function makeKeyWithId(email: string, scopes: string, orgs?: string) {
  const args = ["api-key", "create", "--email", email, "--label", "k", "--scopes", scopes];
  if (orgs) args.push("--orgs", orgs);
  return cli<{ key: string; id: string }>(...args);
}

export async function makeSession(email: string, mfa = false) {
  const args = ["session", "create", "--email", email];
  if (mfa) args.push("--mfa");
  const s = await cli<{ cookie_name: string; cookie_value: string }>(...args);
  return `${s.cookie_name}=${s.cookie_value}`;
}

export async function deactivateUser(email: string) {
  return cli("user", "deactivate", "--email", email);
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** A cookie session whose sign-in was `secondsAgo` seconds ago (for the TimeSensitive window). */
export async function makeSessionSignedInAgo(email: string, secondsAgo: number, mfa = false) {
  const args = ["session", "create", "--email", email, "--signed-in-seconds-ago", String(secondsAgo)];
  if (mfa) args.push("--mfa");
  const s = await cli<{ cookie_name: string; cookie_value: string }>(...args);
  return `${s.cookie_name}=${s.cookie_value}`;
}
