import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

/** The admin CLI against the test server's database (handed to the server while it holds the data folder). */
export async function cli<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ORGDECK_DATA_DIR: process.env.E2E_DATA_DIR, LOG_LEVEL: "silent" },
  });
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** The CLI's exit code and stderr for a command expected to fail. */
export async function cliFailure(...args: string[]) {
  try {
    await cli(...args);
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error(`expected "${args.join(" ")}" to fail`);
}

export const uniqueEmail = (name = "user") => `${name}-${randomBytes(5).toString("hex")}@example.test`;

type User = { id: number; uuid: string; email: string };
type Org = { id: string; name: string; slug: string };

export async function makeUser(name = "user") {
  return cli<User>("user", "create", "--email", uniqueEmail(name), "--first-name", name);
}

/** An organization with its owner, a `*` key for the owner, and members of the given levels with keys. */
export async function makeOrganization(levels: number[] = []) {
  const owner = await makeUser("owner");
  const org = await cli<Org>("org", "create", "--name", `Org ${randomBytes(3).toString("hex")}`, "--owner-email", owner.email);
  const ownerKey = (await cli<{ key: string }>("api-key", "create", "--email", owner.email, "--label", "owner", "--scopes", "*")).key;
  const members: Array<User & { key: string }> = [];
  for (const level of levels) {
    const user = await makeUser(`level${level}`);
    await cli("member", "add", "--org", org.id, "--email", user.email, "--level", String(level));
    const key = (await cli<{ key: string }>("api-key", "create", "--email", user.email, "--label", "member", "--scopes", "*")).key;
    members.push({ ...user, key });
  }
  return { org, owner, ownerKey, members };
}

export async function makeKey(email: string, scopes: string, orgs?: string) {
  const args = ["api-key", "create", "--email", email, "--label", "k", "--scopes", scopes];
  if (orgs) args.push("--orgs", orgs);
  return (await cli<{ key: string; id: string }>(...args)).key;
}

export async function makeSession(email: string, mfa = false) {
  const args = ["session", "create", "--email", email];
  if (mfa) args.push("--mfa");
  const s = await cli<{ cookie_name: string; cookie_value: string }>(...args);
  return `${s.cookie_name}=${s.cookie_value}`;
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
