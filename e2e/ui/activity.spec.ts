import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { addMember, bearer, cli, makeUser, type User } from "../support/cli";
import { auditPage, BASE_URL, ownerWithOrganization, patchOrganization, signedInContext, type Theme } from "../support/ui";

const entriesOf = (page: Page) => page.getByRole("list", { name: "Activity" }).locator("> li");

/** Changes a member's level through the REST API with a key. */
async function setLevel(key: string, organizationId: string, user: User, level: number) {
  const res = await fetch(`${BASE_URL}/api/organizations/${organizationId}/members/${user.uuid}/`, {
    method: "PATCH",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ level }),
  });
  expect(res.status).toBe(200);
}

/** An administrator with their own key (labelled "<name>'s script"). */
async function adminWithKey(organizationId: string, name: string) {
  const user = await makeUser(name);
  await addMember(organizationId, user.email, 8);
  const key = (await cli<{ key: string }>("api-key", "create", "--email", user.email, "--label", `${name}'s script`, "--scopes", "*")).key;
  return { user, key };
}

test.describe("activity log", () => {
  test("admins read who changed what in words, a page at a time", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("auditor");
    for (let i = 1; i <= 21; i++) await patchOrganization(key, org.id, { name: `Renamed ${i}` });
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/activity`);

    const entries = entriesOf(page);
    await expect(entries).toHaveCount(20);
    await expect(page.getByText("1–20 of 22")).toBeVisible();
    const newest = entries.first();
    await expect(newest).toContainText("auditor changed the settings of Renamed 21");
    await expect(newest).toContainText("Through: API key “setup”");
    await newest.getByText("1 field").click();
    await expect(newest.getByRole("list", { name: "Changes" })).toHaveText("Name: Renamed 20 → Renamed 21");

    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("21–22 of 22")).toBeVisible();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(entries.last()).toContainText("auditor created the organization");
    await context.close();
  });

  test("levels, switches and the way in read as words: the console and an API key by its label", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("Ada");
    const bo = await makeUser("Bo");
    await addMember(org.id, bo.email, 1);
    await setLevel(key, org.id, bo, 8);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/settings`);
    await page.getByLabel("Members can invite people").uncheck();
    await page.getByRole("button", { name: "Save members settings" }).click();
    await expect(page.getByRole("status").getByText("Members settings saved.")).toBeVisible();

    await page.goto(`/organizations/${org.id}/activity`);
    const entries = entriesOf(page);
    const settings = entries.filter({ hasText: "Ada changed the settings of" });
    await expect(settings).toContainText(/Through: Console · From (127\.0\.0\.1|::1)/);
    await settings.getByText("1 field").click();
    await expect(settings.getByRole("list", { name: "Changes" })).toHaveText("Members can invite people: on → off");

    const level = entries.filter({ hasText: `Ada changed the level of ${bo.email}` });
    await expect(level).toContainText("Through: API key “setup”");
    await level.getByText("1 field").click();
    await expect(level.getByRole("list", { name: "Changes" })).toHaveText("Level: member → administrator");
    await expect(entries.filter({ hasText: `An operator (admin CLI) added ${bo.email}` })).toContainText("Through: Admin CLI");
    await context.close();
  });

  test("filters live in the URL: reload and back keep them; the person filter finds any member by keyboard", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("Filterer");
    // The one who acted joins first; nine quiet members who join after fill the person list's first suggestions.
    const zoe = await adminWithKey(org.id, "Zoe");
    await patchOrganization(zoe.key, org.id, { name: "Zoe was here" });
    for (let i = 0; i < 9; i++) await addMember(org.id, (await makeUser(`Quiet${i}`)).email, 1);
    for (let i = 1; i <= 20; i++) await patchOrganization(key, org.id, { name: `Later ${i}` });
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/activity`);
    await expect(entriesOf(page).first()).toContainText("Filterer changed the settings of Later 20");
    await expect(page.getByRole("list", { name: "Activity" })).not.toContainText("Zoe changed");

    const person = page.getByRole("combobox", { name: "Person" });
    await person.focus();
    await expect(page.getByRole("listbox", { name: "People" }).getByRole("option")).toHaveCount(9);
    await expect(page.getByRole("option", { name: /Zoe/ })).toHaveCount(0);
    await page.keyboard.type("zoe");
    await expect(page.getByRole("option", { name: /Zoe/ })).toBeVisible();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`[?&]user=${zoe.user.uuid}`));
    await expect(page.getByText("1–1 of 1")).toBeVisible();
    await expect(entriesOf(page).first()).toContainText("Zoe changed the settings of Zoe was here");
    await expect(entriesOf(page).first()).toContainText("Through: API key “Zoe's script”");

    await page.getByLabel("Object").selectOption({ label: "Member" });
    await expect(page.getByRole("heading", { name: "No activity matches these filters" })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Object")).toHaveValue("OrganizationMembership");
    await expect(person).toHaveValue("Zoe");
    await expect(page.getByRole("heading", { name: "No activity matches these filters" })).toBeVisible();

    await page.goBack();
    await expect(page.getByLabel("Object")).toHaveValue("");
    await expect(person).toHaveValue("Zoe");
    await expect(page.getByText("1–1 of 1")).toBeVisible();
    await page.reload();
    await expect(person).toHaveValue("Zoe");

    await page.getByLabel("Time").selectOption({ label: "Last 24 hours" });
    await expect(page).toHaveURL(/[?&]range=day/);
    await expect(page.getByText("1–1 of 1")).toBeVisible();
    await page.goBack();
    await expect(page.getByLabel("Time")).toHaveValue("any");

    await person.focus();
    await page.keyboard.press("Enter");
    await expect(page).not.toHaveURL(/[?&]user=/);
    await expect(page.getByText("1–20 of")).toBeVisible();
    await context.close();
  });

  test("Export CSV and Export JSON Lines download every entry the filters select", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("Exporter");
    for (let i = 1; i <= 22; i++) await patchOrganization(key, org.id, { name: `Exported ${i}` });
    const bo = await makeUser("Bo");
    await addMember(org.id, bo.email, 1);
    await setLevel(key, org.id, bo, 8);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/activity?scope=Organization`);
    await expect(page.getByText("1–20 of 23")).toBeVisible();

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^activity-log-.+\.csv$/);
    const rows = readFileSync(await csv.path(), "utf8").trimEnd().split("\r\n");
    expect(rows).toHaveLength(24);
    expect(rows[1]).toContain("Exporter changed the settings of Exported 22");
    expect(rows.some((row) => row.includes(bo.email))).toBe(false);

    await page.getByLabel("Object").selectOption({ label: "Member" });
    await expect(page.getByText("1–2 of 2")).toBeVisible();
    const [jsonl] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export JSON Lines" }).click()]);
    expect(jsonl.suggestedFilename()).toMatch(/^activity-log-.+\.jsonl$/);
    const entries = readFileSync(await jsonl.path(), "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as { scope: string; activity: string });
    expect(entries.map((e) => [e.scope, e.activity])).toEqual([
      ["OrganizationMembership", "updated"],
      ["OrganizationMembership", "created"],
    ]);
    await context.close();
  });

  for (const theme of ["light", "dark"] as Theme[]) {
    test(`the log, its filters and the person list pass axe (${theme})`, async ({ browser }) => {
      const { user, key, org } = await ownerWithOrganization("Axel");
      await patchOrganization(key, org.id, { members_can_invite: false });
      const context = await signedInContext(browser, user.email, { theme });
      const page = await context.newPage();
      await page.goto(`/organizations/${org.id}/activity`);
      await page.getByRole("list", { name: "Activity" }).getByText("1 field").click();
      await auditPage(page, "activity-log-words", theme);
      await page.getByRole("combobox", { name: "Person" }).focus();
      await expect(page.getByRole("option", { name: /^Axel/ })).toBeVisible();
      await auditPage(page, "activity-log-person-filter", theme);
      await page.keyboard.press("Escape");
      await page.getByLabel("Time").selectOption({ label: "Between dates…" });
      await expect(page.getByLabel("From")).toBeVisible();
      await auditPage(page, "activity-log-dates", theme);
      await context.close();
    });
  }

  test("members are told that only admins can see it", async ({ browser }) => {
    const { org } = await ownerWithOrganization("private");
    const member = await makeUser("member");
    await addMember(org.id, member.email, 1);
    const context = await signedInContext(browser, member.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/activity`);
    await expect(page.getByRole("heading", { name: "Only admins can see the activity log" })).toBeVisible();
    await page.goto(`/organizations/${org.id}/settings`);
    await expect(page.getByText("Only admins and owners can change these settings.")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Delete organization" })).toHaveCount(0);
    await context.close();
  });
});
