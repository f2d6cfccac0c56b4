import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { ESLint } from "eslint";

/** The house rules on imports and level comparisons hold through ESLint: these cases prove each rule bites. */
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function ruleIds(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  // A source that does not parse reports no rule at all, which would pass every "allowed" case by accident.
  assert.deepEqual(result.messages.filter((m) => m.fatal), [], filePath);
  return result.messages.map((m) => m.ruleId);
}

describe("architecture lint rules", () => {
  test("app/ may not import db/", async () => {
    assert.ok((await ruleIds('import { getDb } from "@/db/client";\nexport const x = getDb;\n', "app/x/page.tsx")).includes("no-restricted-imports"));
  });

  test("app/ may import operations", async () => {
    const ids = await ruleIds('import { getMe } from "@/lib/services/users";\nexport const x = getMe;\n', "app/x/page.tsx");
    assert.ok(!ids.includes("no-restricted-imports"));
  });

  test("components/ may import neither db/ nor lib/services", async () => {
    for (const source of ["@/db/schema", "@/lib/services/users", "../../lib/services/users"]) {
      const ids = await ruleIds(`import * as m from "${source}";\nexport const x = m;\n`, "components/ui/x.tsx");
      assert.ok(ids.includes("no-restricted-imports"), source);
    }
  });

  test('a "use client" module anywhere may not import db/ or lib/services', async () => {
    const code = '"use client";\nimport { getMe } from "../../lib/services/users";\nexport const x = getMe;\n';
    assert.ok((await ruleIds(code, "lib/query/x.ts")).includes("orgdeck/no-server-imports-in-client"));
    const server = 'import { getMe } from "../../lib/services/users";\nexport const x = getMe;\n';
    assert.ok(!(await ruleIds(server, "lib/query/x.ts")).includes("orgdeck/no-server-imports-in-client"));
  });

  test("a level is not compared outside lib/auth and lib/services: by name (ADMIN, x.OWNER) or a level-named value against 1, 8 or 15", async () => {
    const RULE = "orgdeck/no-level-comparison";
    const compared = [
      "level >= ADMIN",
      "ADMIN <= viewer.level",
      "m.level === MEMBER",
      "(organization.membership_level ?? 0) >= ADMIN",
      "level !== permissions.OWNER",
      "viewerLevel > 8",
      "15 == org?.membership_level",
      "(row.level as number) < 1",
    ];
    for (const expression of compared) {
      for (const filePath of ["app/x/page.tsx", "components/ui/x.tsx", "lib/query/x.ts"]) {
        assert.ok((await ruleIds(`export const f = (level, viewer, m, organization, permissions, viewerLevel, org, row) => ${expression};\n`, filePath)).includes(RULE), `${expression} in ${filePath}`);
      }
    }
  });

  test("levelGrants, the rule functions, other numbers and the permission layer itself stay allowed", async () => {
    const RULE = "orgdeck/no-level-comparison";
    const allowed = [
      'levelGrants(level, "activity_log:read")',
      "inviteLevelDenial(level, ADMIN) === null",
      "level === target",
      "count > 8",
      "level === 2",
      "LEVEL_NAMES[level]",
    ];
    for (const expression of allowed) {
      const ids = await ruleIds(`export const f = (level, target, count, levelGrants, inviteLevelDenial, LEVEL_NAMES, ADMIN) => ${expression};\n`, "app/x/page.tsx");
      assert.ok(!ids.includes(RULE), expression);
    }
    for (const filePath of ["lib/auth/rules.ts", "lib/services/members.ts"]) {
      const ids = await ruleIds("export const f = (level: number, target: number, ADMIN: number) => level >= ADMIN && target > 8;\n", filePath);
      assert.ok(!ids.includes(RULE), filePath);
    }
  });

  test("lib/schemas may not import db/, through a relative path or the alias, not even a type", async () => {
    for (const line of ['import { users } from "../../db/schema";', 'import type { ProjectAccess } from "@/db/schema";', 'export * from "../../db/client";']) {
      assert.ok((await ruleIds(`${line}\nexport const x = 1;\n`, "lib/schemas/x.ts")).includes("orgdeck/layer-imports"), line);
    }
    const ok = 'import { z } from "zod";\nimport { membershipLevel } from "./common";\nexport const x = [z, membershipLevel];\n';
    assert.ok(!(await ruleIds(ok, "lib/schemas/x.ts")).includes("orgdeck/layer-imports"));
    const operation = 'import { users } from "../../db/schema";\nexport const x = users;\n';
    assert.ok(!(await ruleIds(operation, "lib/services/x.ts")).includes("orgdeck/layer-imports"));
  });

  test("lib/adapters may not import lib/services", async () => {
    for (const source of ["../../services/users", "@/lib/services/run", "../../../lib/services"]) {
      const ids = await ruleIds(`import * as m from "${source}";\nexport const x = m;\n`, "lib/adapters/mail/x.ts");
      assert.ok(ids.includes("orgdeck/layer-imports"), source);
    }
    const ok = 'import { env } from "../../env";\nimport { inviteEmail } from "@/lib/schemas/invites";\nexport const x = [env, inviteEmail];\n';
    assert.ok(!(await ruleIds(ok, "lib/adapters/mail/x.ts")).includes("orgdeck/layer-imports"));
  });

  test("nothing outside scripts/ imports from scripts/; scripts/ imports itself freely", async () => {
    const cases = [
      ["lib/cli/x.ts", "../../scripts/cli"],
      ["app/x/page.tsx", "@/scripts/dev-idp/server"],
      ["e2e/support/x.ts", "../../scripts/run-unit-tests"],
      ["lib/server/startup.ts", "../../scripts/cli"],
    ];
    for (const [filePath, source] of cases) {
      const ids = await ruleIds(`import * as m from "${source}";\nexport const x = m;\n`, filePath);
      assert.ok(ids.includes("orgdeck/layer-imports"), `${source} from ${filePath}`);
    }
    const inside = 'import * as a from "./server";\nimport * as b from "../cli";\nexport const x = [a, b];\n';
    assert.ok(!(await ruleIds(inside, "scripts/dev-idp/x.ts")).includes("orgdeck/layer-imports"));
    // The one exception: the server starts the bundled identity provider, which lives in scripts/dev-idp.
    const startup = 'import { startDevIdp } from "../../scripts/dev-idp/server";\nexport const x = startDevIdp;\n';
    assert.ok(!(await ruleIds(startup, "lib/server/startup.ts")).includes("orgdeck/layer-imports"));
  });
});
