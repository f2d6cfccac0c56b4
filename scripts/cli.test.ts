import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { lockPath } from "../db/lock";
import { sessionCookieName } from "../lib/auth/cookies";

const ROOT = path.resolve(import.meta.dirname, "..");
let dataDir: string;


type Run = { code: number; stdout: string; stderr: string };

function childEnv(options: { embedded?: boolean }) {
  const vars: NodeJS.ProcessEnv = { ...process.env, ORGDECK_DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  if (options.embedded) delete vars.DATABASE_URL;
  return vars;
}

/** Runs a file with tsx in the test data folder (DATABASE_URL, when set, is passed on unless `embedded`). */
function run(args: string[], options: { embedded?: boolean } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, env: childEnv(options) }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const cli = (...args: string[]) => run(["scripts/cli.ts", ...args]);
const email = (name: string) => `${name}-${randomBytes(5).toString("hex")}@example.test`;

/** A success: exit 0 and one JSON line on stdout. */
function ok(result: Run) {
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trimEnd().split("\n");
  assert.equal(lines.length, 1, result.stdout);
  return JSON.parse(lines[0]);
}

/** Bad input: exit 2 and one line on stderr. */
function usage(result: Run, pattern: RegExp) {
  assert.equal(result.code, 2, `exit code; stdout ${result.stdout}; stderr ${result.stderr}`);
  assert.equal(result.stdout, "");
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], pattern);
}

describe("admin CLI", () => {
  // One data folder for the suite; hooks inside the suite, as top-level ones may run before its tests end.
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-cli-"));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test("user create prints {id, uuid, email, first_name, last_name} with the email lower-cased", async () => {
    const address = email("Cli");
    const user = ok(await cli("user", "create", "--email", address.toUpperCase(), "--first-name", "Ada", "--last-name", "Lovelace"));
    assert.deepEqual(Object.keys(user).sort(), ["email", "first_name", "id", "last_name", "uuid"]);
    assert.equal(user.email, address.toLowerCase());
    assert.equal(user.first_name, "Ada");
    assert.equal(user.last_name, "Lovelace");
    assert.equal(typeof user.id, "number");
    assert.match(user.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    usage(await cli("user", "create", "--email", address), /unique.*\(email\)/);
  });

  test("bad input is exit code 2 and one line on stderr", async () => {
    usage(await cli("user", "create"), /^--email is required$/);
    usage(await cli("user", "create", "--email", "not-an-email"), /^invalid_input: Enter a valid email address\. \(email\)$/);
    usage(await cli("user", "create", "--email", email("x"), "--nickname", "x"), /nickname/);
    usage(await cli("frobnicate", "everything"), /^Unknown command "frobnicate everything"/);
    const none = await cli();
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^Usage:/);
  });

  test("org create and member add print their objects; --level 3 is refused", async () => {
    const owner = ok(await cli("user", "create", "--email", email("owner")));
    const member = ok(await cli("user", "create", "--email", email("member")));
    const org = ok(await cli("org", "create", "--name", "Cli Org", "--owner-email", owner.email));
    assert.equal(org.name, "Cli Org");
    assert.equal(org.membership_level, 15);
    usage(await cli("member", "add", "--org", org.id, "--email", member.email, "--level", "3"), /^invalid_choice: .*\(level\)$/);
    const added = ok(await cli("member", "add", "--org", org.id, "--email", member.email, "--level", "8"));
    assert.deepEqual(Object.keys(added).sort(), ["id", "level", "user"]);
    assert.equal(added.level, 8);
    assert.deepEqual(added.user, { uuid: member.uuid, email: member.email });
  });

  test("api-key create prints the key once; beyond 10 keys it is exit 2", async () => {
    const user = { email: email("keys") };
    // The user and nine keys in one process (one CLI start per key is slow); the 10th and 11th through the CLI.
    const setup = `import { getDb, closeDb } from ${JSON.stringify(path.join(ROOT, "db/client.ts"))};
import { createUser } from ${JSON.stringify(path.join(ROOT, "lib/services/admin.ts"))};
import { execute } from ${JSON.stringify(path.join(ROOT, "lib/services/operation.ts"))};
import { createPersonalApiKey } from ${JSON.stringify(path.join(ROOT, "lib/services/personal-api-keys.ts"))};
const db = await getDb();
const user = await createUser(db, { email: ${JSON.stringify(user.email)} });
for (let i = 0; i < 9; i++) await execute(createPersonalApiKey, { db, principal: { kind: "cli", user }, input: { label: "k" + i, scopes: ["*"] } });
await closeDb();`;
    const file = path.join(dataDir, `setup-${randomBytes(3).toString("hex")}.mts`);
    fs.writeFileSync(file, setup);
    const seeded = await run([file]);
    assert.equal(seeded.code, 0, seeded.stderr);
    const key = ok(await cli("api-key", "create", "--email", user.email, "--label", "tenth", "--scopes", "organization:read, user:read"));
    assert.deepEqual(Object.keys(key).sort(), ["id", "key", "label", "scoped_organizations", "scopes"]);
    assert.match(key.key, /^odk_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(key.scopes, ["organization:read", "user:read"]);
    assert.deepEqual(key.scoped_organizations, []);
    usage(
      await cli("api-key", "create", "--email", user.email, "--label", "eleventh", "--scopes", "*"),
      /^invalid_input: You can have at most 10 personal API keys\. Delete one before creating another\.$/,
    );
  });

  test("session create prints cookie_name, cookie_value and expires; a deactivated user gets none", async () => {
    const user = ok(await cli("user", "create", "--email", email("session")));
    const session = ok(await cli("session", "create", "--email", user.email, "--mfa"));
    assert.deepEqual(Object.keys(session).sort(), ["cookie_name", "cookie_value", "expires"]);
    assert.equal(session.cookie_name, sessionCookieName());
    assert.match(session.cookie_value, /^[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(session.expires) - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `expires in ${days} days`);
    assert.match(session.expires, /Z$/);
    ok(await cli("user", "deactivate", "--email", user.email));
    usage(await cli("session", "create", "--email", user.email), /^This user is deactivated and cannot sign in\.$/);
  });

  test("oauth-app verify, unverify and list: the operator's mark, printed with the organization; bad ids are exit 2", async () => {
    const owner = ok(await cli("user", "create", "--email", email("oauth")));
    const org = ok(await cli("org", "create", "--name", "OAuth Org", "--owner-email", owner.email));
    const setup = `import { getDb, closeDb } from ${JSON.stringify(path.join(ROOT, "db/client.ts"))};
import { requireUserByEmail } from ${JSON.stringify(path.join(ROOT, "lib/services/admin.ts"))};
import { execute } from ${JSON.stringify(path.join(ROOT, "lib/services/operation.ts"))};
import { createOAuthApplication } from ${JSON.stringify(path.join(ROOT, "lib/services/oauth-applications.ts"))};
const db = await getDb();
const user = await requireUserByEmail(db, ${JSON.stringify(owner.email)});
const app = await execute(createOAuthApplication, { db, principal: { kind: "cli", user }, organizationId: ${JSON.stringify(org.id)}, input: { name: "Cli app", redirect_uris_list: ["https://app.example/cb"] } });
console.log(app.id);
await closeDb();`;
    const file = path.join(dataDir, `setup-${randomBytes(3).toString("hex")}.mts`);
    fs.writeFileSync(file, setup);
    const seeded = await run([file]);
    assert.equal(seeded.code, 0, seeded.stderr);
    const id = seeded.stdout.trim();
    const verified = ok(await cli("oauth-app", "verify", "--id", id));
    assert.deepEqual([verified.id, verified.is_verified, verified.organization_id, verified.name], [id, true, org.id, "Cli app"]);
    assert.equal("client_secret" in verified, false);
    const listed = ok(await cli("oauth-app", "list", "--organization", org.id));
    assert.deepEqual([listed.count, listed.results.map((a: { id: string; is_verified: boolean }) => [a.id, a.is_verified])], [1, [[id, true]]]);
    assert.equal(ok(await cli("oauth-app", "unverify", "--id", id)).is_verified, false);
    assert.equal(ok(await cli("oauth-app", "verify", "--id", id, "--unverify")).is_verified, false);
    usage(await cli("oauth-app", "verify"), /^--id is required$/);
    usage(await cli("oauth-app", "verify", "--id", "00000000-0000-4000-8000-000000000000"), /^not_found: Not found\.$/);
    usage(await cli("oauth-app", "list", "--organization", "nope"), /^not_found: Organization not found\.$/);
  });

  test("a stale lock in the data folder is taken over, and released at exit", async () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(lockPath(dataDir), String(dead));
    const result = await run(["scripts/cli.ts", "migrate"], { embedded: true });
    const migrated = ok(result);
    assert.equal(migrated.migrated, true);
    assert.equal(migrated.database, "pglite");
    assert.equal(fs.existsSync(lockPath(dataDir)), false);
  });
});
