import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { ESLint } from "eslint";

/** The house rules of architecture.md hold through ESLint: these cases prove each rule bites. */
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function ruleIds(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
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
});
