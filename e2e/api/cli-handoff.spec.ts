import fs from "node:fs";
import path from "node:path";
import { readAdminFile, ADMIN_PATH } from "../../lib/cli/handoff";
import { expect, test } from "./recording";
import { E, SITE_URL, expectError } from "./helpers";

const dataDir = process.env.E2E_DATA_DIR as string;

test.describe("the admin CLI's hand-off listens on its own loopback port, never on the public one", () => {
  test("the public port has no hand-off endpoint", async ({ request }) => {
    for (const route of ["/api/internal/cli", "/api/internal/cli/"]) {
      await expectError(await request.post(route, { headers: { "x-orgdeck-admin-secret": "guess" }, data: { argv: ["user", "list"] } }), 404, E.notFound);
    }
  });

  test("its port and secret are in the data folder, readable by the owner only; without the secret it refuses", async () => {
    const admin = readAdminFile(dataDir);
    expect(admin).not.toBeNull();
    expect(admin!.port).not.toBe(Number(new URL(SITE_URL).port));
    expect(fs.statSync(path.join(dataDir, "orgdeck.admin.json")).mode & 0o777).toBe(0o600);
    const refused = await fetch(`http://127.0.0.1:${admin!.port}${ADMIN_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-orgdeck-admin-secret": "guess" },
      body: JSON.stringify({ argv: ["user", "list"] }),
    });
    expect(refused.status).toBe(403);
  });
});
