import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { addMember, bearer, makeSessionSignedInAgo, makeUser } from "../support/cli";
import { auditPage, BASE_URL, ownerWithOrganization, signedInContext, toast, type Theme } from "../support/ui";

/**
 * Exports here deliver to this receiver on 127.0.0.1 (the suite's server allows private URLs). A run starts as soon as
 * a backfill or a retry schedules it, so nothing waits for an interval to end.
 */
type Batch = { path: string; signed: boolean; body: { batch_id: string; test?: boolean; rows: Record<string, unknown>[] } };

let server: Server;
let base = "";
let closedPort = 0;
const received: Batch[] = [];
/** Receiver paths that refuse batches with 400 for now (no retry within the run); every other path answers 200. */
const failing = new Set<string>();

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, signed: "webhook-signature" in req.headers, body: JSON.parse(body || "{}") as Batch["body"] });
      res.statusCode = failing.has(path) ? 400 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was free a moment ago and has nothing listening on it.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const receiverPath = () => `/export/${randomUUID()}`;
const batchesAt = (path: string) => received.filter((r) => r.path === path && !r.body.test);
const probesAt = (path: string) => received.filter((r) => r.path === path && r.body.test);

/** An export made through the REST API with the owner's key. */
async function addExport(key: string, organizationId: string, data: Record<string, unknown>) {
  const res = await fetch(`${BASE_URL}/api/organizations/${organizationId}/batch_exports/`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ interval: "hour", ...data }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string };
}

/** A moment `hoursAgo` hours back as the page's datetime-local inputs write it, in the browser's own zone. */
const localInput = (page: Page, hoursAgo: number) =>
  page.evaluate((ms) => {
    const d = new Date(ms);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, Date.now() - hoursAgo * 3_600_000);

const testSteps = (page: Page) => page.getByRole("list", { name: "Test steps" }).getByRole("listitem");
const runs = (page: Page) => page.getByRole("region", { name: "Runs" });
const logs = (page: Page) => page.getByRole("region", { name: "Logs" });
const runRow = (page: Page, text: string | RegExp): Locator => runs(page).getByRole("row").filter({ hasText: text });

test.describe("batch exports", () => {
  test("an admin creates an HTTP export after testing the connection step by step, from the keyboard", async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("exports");
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    const path = receiverPath();

    await page.goto(`/organizations/${org.id}/batch-exports`);
    await expect(page).toHaveTitle("Batch exports · Orgdeck");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Batch exports" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "No batch exports yet" })).toBeVisible();
    await page.getByRole("link", { name: "New batch export" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New batch export" })).toBeVisible();

    await page.getByRole("textbox", { name: "Name" }).fill("Activity to the warehouse");
    await expect(page.getByRole("combobox", { name: "Data" })).toHaveValue("events");
    await page.getByRole("combobox", { name: "Interval" }).selectOption({ label: "Every day" });
    await page.getByRole("textbox", { name: "Activity scopes (optional)" }).fill("OrganizationMembership, Project");
    // Each destination type has its own settings, checked before anything is sent.
    const type = page.getByRole("combobox", { name: "Destination type" });
    await expect(type).toHaveValue("HTTP");
    await type.selectOption({ label: "S3" });
    await page.getByRole("textbox", { name: "Access key ID" }).fill("AKIAEXAMPLE");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Fill in the destination's settings first" })).toBeVisible();
    await page.getByRole("button", { name: "Create batch export" }).click();
    await expect(page.getByRole("textbox", { name: "Bucket" })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("textbox", { name: "Bucket" })).toBeFocused();
    await expect(page.getByLabel("Secret access key")).toHaveAttribute("aria-invalid", "true");
    await type.selectOption({ label: "PostgreSQL" });
    await expect(page.getByRole("textbox", { name: "Table" })).toBeVisible();
    await type.selectOption({ label: "S3" });
    await expect(page.getByRole("textbox", { name: "Access key ID" })).toHaveValue("AKIAEXAMPLE");
    await type.selectOption({ label: "HTTP" });
    const url = page.getByRole("textbox", { name: "URL" });
    const testButton = page.getByRole("button", { name: "Test connection" });

    // Nothing listens on this port: the first step fails with the reason, and the step that needs it is skipped.
    await url.fill(`http://127.0.0.1:${closedPort}/export`);
    await testButton.focus();
    await page.keyboard.press("Enter");
    await expect(testSteps(page)).toHaveCount(2);
    await expect(testSteps(page).nth(0)).toContainText("Reach the endpoint");
    await expect(testSteps(page).nth(0)).toContainText("Failed", { timeout: 15_000 });
    await expect(testSteps(page).nth(0)).toContainText(/refused|ECONNREFUSED|connect/i);
    await expect(testSteps(page).nth(1)).toContainText("Deliver a probe");
    await expect(testSteps(page).nth(1)).toContainText("Skipped");
    await expect(page.getByRole("status").filter({ hasText: "Step 1 of 2 failed." })).toBeVisible();

    // The receiver: each step passes in turn, and the probe reached it marked as a test.
    await url.fill(`${base}${path}`);
    await page.getByLabel("Signing secret (optional)").fill("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
    await testButton.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "All 2 steps passed." })).toBeVisible({ timeout: 15_000 });
    await expect(testSteps(page).nth(0)).toContainText("Passed");
    await expect(testSteps(page).nth(1)).toContainText("Passed");
    expect(probesAt(path).map((p) => p.signed)).toEqual([true]);

    await page.getByRole("button", { name: "Create batch export" }).click();
    await expect(toast(page, "Batch export created.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Activity to the warehouse" })).toBeVisible();
    await expect(page).toHaveTitle("Activity to the warehouse · Batch exports · Orgdeck");
    // The secret is write-only: never echoed, kept when the field stays empty.
    await expect(page.getByRole("textbox", { name: "URL" })).toHaveValue(`${base}${path}`);
    await expect(page.getByLabel("Signing secret (optional)")).toHaveValue("");
    await expect(page.getByText("Write-only: leave empty to keep the stored secret.")).toBeVisible();
    const listed = await fetch(`${BASE_URL}/api/organizations/${org.id}/batch_exports/`, { headers: bearer(key) });
    const [saved] = ((await listed.json()) as { results: { interval: string; filters: unknown; destination: { config: Record<string, unknown> } }[] }).results;
    expect(saved).toMatchObject({ interval: "day", filters: { scope: ["OrganizationMembership", "Project"] } });
    expect(saved.destination.config).not.toHaveProperty("secret");

    // The test of a stored export runs with its stored secret (the probe is signed), then with the form's change.
    await page.getByRole("textbox", { name: "Name" }).fill("Activity, daily");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByRole("status").filter({ hasText: "All 2 steps passed." })).toBeVisible({ timeout: 15_000 });
    expect(probesAt(path).map((p) => p.signed)).toEqual([true, true]);
    await page.getByRole("checkbox", { name: "Remove the stored signing secret" }).check();
    await expect(page.getByLabel("Signing secret (optional)")).toBeDisabled();
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect.poll(() => probesAt(path).map((p) => p.signed), { timeout: 15_000 }).toEqual([true, true, false]);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(toast(page, "Batch export saved.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Activity, daily" })).toBeVisible();
    // Removed: the stored export's probe goes out unsigned.
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect.poll(() => probesAt(path).map((p) => p.signed), { timeout: 15_000 }).toEqual([true, true, false, false]);

    await page.getByRole("link", { name: "← Batch exports" }).click();
    const row = page.getByRole("row").filter({ hasText: "Activity, daily" });
    await expect(row).toContainText("Activity log");
    await expect(row).toContainText("HTTP · 127.0.0.1");
    await expect(row).toContainText("Every day");
    await expect(row).toContainText("Active");
    await expect(row).toContainText("No runs yet");

    await row.getByRole("link", { name: "Activity, daily" }).click();
    await page.getByRole("button", { name: "Delete batch export" }).click();
    await page.getByRole("dialog", { name: "Delete Activity, daily?" }).getByRole("button", { name: "Delete" }).click();
    await expect(toast(page, "Activity, daily was deleted.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "No batch exports yet" })).toBeVisible();
    await context.close();
  });

  test("an admin backfills, sees a failing run and its logs, pauses, retries it, and resumes with a backfill", async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("runs");
    const path = receiverPath();
    failing.add(path);
    // Sessions are exported by when they started: one two hours ago falls in a past interval a backfill runs now.
    await makeSessionSignedInAgo(user.email, 7200);
    const exp = await addExport(key, org.id, { name: "Sessions out", model: "sessions", destination: { type: "HTTP", config: { url: `${base}${path}` } } });
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/batch-exports/${exp.id}`);
    await expect(runs(page).getByRole("heading", { name: "No runs yet" })).toBeVisible();

    await page.getByLabel("From", { exact: true }).fill(await localInput(page, 3));
    await page.getByLabel("To", { exact: true }).fill(await localInput(page, 1));
    await page.getByRole("button", { name: "Start backfill" }).click();
    await expect(toast(page, "Backfill started.")).toBeVisible();
    const progress = page.getByRole("status", { name: "Backfill progress" }).getByRole("listitem");
    await expect(progress).toHaveCount(1);
    await expect(progress).toContainText(/Backfill of .+: \d of \d runs done, running\./);

    // The interval holding the session is refused by the receiver: the run waits for its next attempt, with the reason.
    const refused = runRow(page, "answered 400");
    await expect(refused).toContainText("Retrying", { timeout: 20_000 });
    await expect(runRow(page, "Completed").first()).toContainText("0");
    await logs(page).getByRole("combobox", { name: "Level" }).selectOption({ label: "Warning" });
    await expect(logs(page).getByRole("row").filter({ hasText: "Attempt 1 failed" })).toBeVisible();
    await expect(logs(page).getByRole("row").filter({ hasText: "Run completed" })).toHaveCount(0);
    await logs(page).getByRole("combobox", { name: "Level" }).selectOption({ label: "Any level" });

    // Pausing cancels the waiting attempt; the run keeps its error and can be retried.
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(toast(page, "Sessions out is paused.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Schedule" })).toContainText("Paused");
    await expect(refused).toContainText("Cancelled");

    // Resume without the backfill, from the keyboard: the cancelled run stays as it is.
    await page.getByRole("button", { name: "Resume" }).focus();
    await page.keyboard.press("Enter");
    const resume = page.getByRole("dialog", { name: "Resume Sessions out?" });
    const gap = resume.getByRole("checkbox", { name: "Also export the intervals missed while paused" });
    await expect(gap).toBeChecked();
    await gap.focus();
    await page.keyboard.press("Space");
    await expect(gap).not.toBeChecked();
    await resume.getByRole("button", { name: "Resume" }).focus();
    await page.keyboard.press("Enter");
    await expect(toast(page, "Sessions out is running again.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Schedule" })).toContainText("Active");
    await expect(refused).toContainText("Cancelled");

    // The receiver accepts now: retrying the run delivers the session, once.
    failing.delete(path);
    await refused.getByRole("button", { name: /^Retry/ }).focus();
    await page.keyboard.press("Enter");
    await expect(toast(page, /is scheduled again\./)).toBeVisible();
    const delivered = runs(page).getByRole("row").filter({ hasText: "Completed" }).filter({ has: page.getByRole("cell", { name: "1", exact: true }) });
    await expect(delivered).toHaveCount(1, { timeout: 20_000 });
    await expect(delivered.getByRole("button", { name: /^Retry/ })).toHaveCount(0);
    const batches = batchesAt(path).filter((b) => b.body.rows.length > 0);
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches.at(-1)?.body.rows).toHaveLength(1);
    expect(batches.at(-1)?.body.rows[0]).toMatchObject({ email: user.email });
    // Every run of the backfill has ended: the cancelled one counted, then the retried one.
    await expect(progress).toContainText(/: (\d+) of \1 runs done, completed\./);
    // One run's log: its failed attempt and its completion, nothing of the other intervals.
    await delivered.getByRole("link", { name: /^Logs/ }).click();
    await expect(logs(page).getByRole("note")).toContainText("Showing the entries of one run.");
    await expect(logs(page).getByRole("row").filter({ hasText: "Run completed: 1 rows" })).toHaveCount(1);
    await expect(logs(page).getByRole("row").filter({ hasText: "Attempt 1 failed" })).toHaveCount(1);
    await expect(logs(page).getByRole("row").filter({ hasText: "Run completed: 0 rows" })).toHaveCount(0);
    await logs(page).getByRole("button", { name: "Show every run" }).click();
    await expect(logs(page).getByRole("row").filter({ hasText: "Run completed: 0 rows" }).first()).toBeVisible();
    await page.getByRole("searchbox", { name: "Search the logs" }).fill("Run completed: 1 rows");
    await expect(logs(page).getByRole("row").filter({ hasText: "Run completed: 1 rows" })).toHaveCount(1);

    // The list shows the latest runs' states.
    await page.getByRole("link", { name: "← Batch exports" }).click();
    const latest = page.getByRole("row").filter({ hasText: "Sessions out" }).getByRole("list", { name: "Latest runs" });
    await expect(latest.getByRole("listitem").filter({ hasText: "Completed" }).first()).toBeAttached();

    // Paused again and resumed with the gap: the schedule goes on and the export is active.
    await page.getByRole("row").filter({ hasText: "Sessions out" }).getByRole("link").click();
    await page.getByRole("button", { name: "Pause" }).click();
    await expect(toast(page, "Sessions out is paused.")).toBeVisible();
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByRole("dialog", { name: "Resume Sessions out?" }).getByRole("button", { name: "Resume" }).click();
    await expect(toast(page, "Sessions out is running again; the missed intervals are being exported.")).toBeVisible();
    const after = await fetch(`${BASE_URL}/api/organizations/${org.id}/batch_exports/${exp.id}/`, { headers: bearer(key) });
    expect(((await after.json()) as { paused: boolean }).paused).toBe(false);
    await context.close();
  });

  test("a member sees exports, runs and logs read-only, with no controls and the reason", async ({ browser }) => {
    const { key, org } = await ownerWithOrganization("readonly");
    await addExport(key, org.id, { name: "Members out", model: "persons", filters: { level: [8, 15] }, destination: { type: "HTTP", config: { url: `${base}${receiverPath()}`, secret: "hunter2-hunter2" } } });
    const member = await makeUser("member");
    await addMember(org.id, member.email, 1);
    const context = await signedInContext(browser, member.email);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/batch-exports`);
    await expect(page.getByRole("note").filter({ hasText: "Only admins and owners can create or change batch exports" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New batch export" })).toHaveCount(0);
    await page.getByRole("row").filter({ hasText: "Members out" }).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: "Members out" })).toBeVisible();
    await expect(page.getByRole("note").filter({ hasText: "Only admins and owners can change, pause, backfill or delete this export" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "URL" })).toBeDisabled();
    await expect(page.getByRole("checkbox", { name: "Administrator" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Administrator" })).toBeDisabled();
    await expect(page.getByLabel("Signing secret (optional)")).toHaveCount(0);
    for (const name of ["Pause", "Resume", "Start backfill", "Test connection", "Save changes", "Delete batch export"]) {
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    }
    await expect(logs(page).getByRole("heading", { name: "Nothing logged yet" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Backfills" })).toBeVisible();
    await page.goto(`/organizations/${org.id}/batch-exports/new`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/not found/i);
    await context.close();
  });
});

for (const theme of ["light", "dark"] as Theme[]) {
  test(`the batch-export pages are axe clean (${theme} theme)`, async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("audit");
    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/batch-exports`);
    await expect(page.getByRole("heading", { name: "No batch exports yet" })).toBeVisible();
    await auditPage(page, "batch-exports-empty", theme);

    await page.goto(`/organizations/${org.id}/batch-exports/new`);
    await page.getByRole("textbox", { name: "URL" }).fill(`http://127.0.0.1:${closedPort}/export`);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(testSteps(page).nth(1)).toContainText("Skipped", { timeout: 15_000 });
    await page.getByRole("button", { name: "Create batch export" }).click();
    await expect(page.getByRole("textbox", { name: "Name" })).toHaveAttribute("aria-invalid", "true");
    await auditPage(page, "batch-export-new", theme);

    const path = receiverPath();
    await makeSessionSignedInAgo(user.email, 7200);
    const exp = await addExport(key, org.id, { name: "Audited export", model: "sessions", destination: { type: "HTTP", config: { url: `${base}${path}` } } });
    const backfill = await fetch(`${BASE_URL}/api/organizations/${org.id}/batch_exports/${exp.id}/backfill/`, {
      method: "POST",
      headers: { ...bearer(key), "content-type": "application/json" },
      body: JSON.stringify({ start_at: new Date(Date.now() - 3 * 3_600_000).toISOString(), end_at: new Date(Date.now() - 3_600_000).toISOString() }),
    });
    expect(backfill.status).toBe(201);
    await page.goto(`/organizations/${org.id}/batch-exports/${exp.id}`);
    await expect(runRow(page, "Completed").first()).toBeVisible({ timeout: 20_000 });
    await expect(logs(page).getByRole("row").filter({ hasText: "Run completed" }).first()).toBeVisible({ timeout: 10_000 });
    await auditPage(page, "batch-export", theme);

    await page.goto(`/organizations/${org.id}/batch-exports`);
    await expect(page.getByRole("row").filter({ hasText: "Audited export" }).getByRole("list", { name: "Latest runs" })).toBeVisible();
    await auditPage(page, "batch-exports", theme);
    await context.close();
  });
}
