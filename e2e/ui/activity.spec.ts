import { expect, test } from "@playwright/test";
import { addMember, makeUser } from "../support/cli";
import { ownerWithOrganization, patchOrganization, signedInContext } from "../support/ui";

test.describe("activity log", () => {
  test("admins read who changed what, with before and after, filtered and a page at a time", async ({ browser }) => {
    const { user, key, org } = await ownerWithOrganization("auditor");
    for (let i = 1; i <= 21; i++) await patchOrganization(key, org.id, { name: `Renamed ${i}` });
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/activity`);

    const entries = page.getByRole("list", { name: "Activity" }).getByRole("listitem");
    await expect(entries).toHaveCount(20);
    await expect(page.getByText("1–20 of 22")).toBeVisible();
    const newest = entries.first();
    await expect(newest).toContainText("auditor updated organization Renamed 21");
    await newest.getByText("1 field").click();
    await expect(newest.getByRole("row", { name: /name/ })).toContainText("Renamed 20");
    await expect(newest.getByRole("row", { name: /name/ })).toContainText("Renamed 21");

    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("21–22 of 22")).toBeVisible();
    await expect(entries.last()).toContainText("created organization");

    await page.getByLabel("Person").selectOption({ label: "auditor" });
    await expect(page.getByText("1–20 of 22")).toBeVisible();
    await page.getByLabel("Object").selectOption({ label: "Member" });
    await expect(page.getByRole("heading", { name: "No activity matches these filters" })).toBeVisible();
    await page.getByLabel("Object").selectOption({ label: "All objects" });
    await page.getByLabel("Time").selectOption({ label: "Last 24 hours" });
    await expect(page.getByText("1–20 of 22")).toBeVisible();
    await context.close();
  });

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
