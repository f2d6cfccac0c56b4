import { expect, test, type Page } from "@playwright/test";
import { cli, makeKey, makeUser, uniqueEmail, type Org, type User } from "../support/cli";
import { auditPage, inviteByApi, ownerWithOrganization, patchOrganization, signedInContext, toast } from "../support/ui";

const checklist = (page: Page) => page.getByRole("region", { name: "Get started" });
const step = (page: Page, title: string) => checklist(page).getByRole("listitem").filter({ hasText: title });

test.describe("getting started", () => {
  test("after creating an organization its admin lands on Members with a checklist whose steps turn done from real data; a dismissal is remembered", async ({ browser }) => {
    const user = await makeUser("Nora");
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto("/organizations/new");
    await page.getByLabel("Name", { exact: true }).fill("Nora's Studio");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}\/members$/);
    const organizationId = new URL(page.url()).pathname.split("/")[2];

    await expect(checklist(page)).toContainText("2 of 2 still to do");
    await expect(step(page, "Invite your team").getByText("Not done", { exact: true })).toBeVisible();
    await expect(step(page, "Create an API key").getByText("Not done", { exact: true })).toBeVisible();
    await expect(step(page, "Invite your team").getByRole("link", { name: "Invite your team" })).toHaveAttribute("href", `/organizations/${organizationId}/invites`);
    await step(page, "Create an API key").getByRole("link", { name: "Create an API key" }).click();
    await expect(page).toHaveURL("/account/api-keys");

    const key = await makeKey(user.email, "*");
    await page.goto(`/organizations/${organizationId}/members`);
    await expect(checklist(page)).toContainText("1 of 2 still to do");
    await expect(step(page, "Create an API key").getByText("Done", { exact: true })).toBeVisible();
    await expect(step(page, "Invite your team").getByText("Not done", { exact: true })).toBeVisible();

    await inviteByApi(key, organizationId, { target_email: uniqueEmail("teammate"), send_email: false });
    await page.reload();
    await expect(step(page, "Invite your team").getByText("Done", { exact: true })).toBeVisible();
    await expect(checklist(page)).toContainText("Nora's Studio is set up.");

    await checklist(page).getByRole("button", { name: "Dismiss checklist" }).focus();
    await page.keyboard.press("Enter");
    await expect(checklist(page)).toHaveCount(0);
    await expect(page.locator("main")).toBeFocused();
    await page.reload();
    await expect(page.getByRole("table", { name: "Members of Nora's Studio" })).toBeVisible();
    await expect(checklist(page)).toHaveCount(0);
    await context.close();
  });

  test("someone who accepts an invitation lands on Members, welcomed by the organization's name and their inviter; their details say who invited them", async ({ browser }) => {
    const ada = await cli<User>("user", "create", "--email", uniqueEmail("ada"), "--first-name", "Ada", "--last-name", "Lovelace");
    const org = await cli<Org>("org", "create", "--name", `Acme ${Math.random().toString(16).slice(2, 8)}`, "--owner-email", ada.email);
    const key = await makeKey(ada.email, "*");
    // A name that ends with a full stop: the welcome must not add a second one.
    const name = `${org.name} Inc.`;
    await patchOrganization(key, org.id, { name });
    const invitee = await ownerWithOrganization("Ivo");
    await inviteByApi(key, org.id, { target_email: invitee.user.email, send_email: false });

    const context = await signedInContext(browser, invitee.user.email);
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("region", { name: "You have an invitation" }).getByRole("link", { name: `Open the invitation to ${name}` }).click();
    await page.getByRole("button", { name: "Accept invitation" }).click();
    await expect(page).toHaveURL(`/organizations/${org.id}/members`);
    await expect(toast(page, `Welcome to ${name} Ada Lovelace invited you.`)).toBeVisible();
    await expect(page.getByRole("region", { name: "Get started" })).toHaveCount(0);

    await page.getByRole("button", { name: "Details of Ivo" }).click();
    const own = page.getByRole("dialog", { name: "Ivo" });
    await expect(own).toContainText(`Accepted an invitation from Ada Lovelace (${ada.email}).`);
    await expect(own).toContainText("Member");
    await page.keyboard.press("Escape");

    await page.reload();
    await expect(page.getByRole("table", { name: `Members of ${name}` })).toBeVisible();
    await expect(toast(page, /^Welcome/)).toHaveCount(0);
    await context.close();

    const adaContext = await signedInContext(browser, ada.email);
    const adaPage = await adaContext.newPage();
    await adaPage.goto(`/organizations/${org.id}/members`);
    await adaPage.getByRole("button", { name: "Details of Ivo" }).click();
    await expect(adaPage.getByRole("dialog", { name: "Ivo" })).toContainText("Accepted an invitation from Ada Lovelace");
    await adaPage.keyboard.press("Escape");
    await adaPage.getByRole("button", { name: "Details of Ada Lovelace" }).click();
    await expect(adaPage.getByRole("dialog", { name: "Ada Lovelace" })).toContainText("Created the organization.");
    await adaContext.close();
  });

  test("the profile names the job function, and says it is not a level in any organization", async ({ browser }) => {
    const user = await makeUser("Jade");
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto("/account/profile");
    const jobFunction = page.getByLabel("Job function");
    await expect(page.getByText("Role at your organization")).toHaveCount(0);
    await expect(jobFunction).toHaveAccessibleDescription(/not your level in any organization/);
    await jobFunction.selectOption({ label: "Engineering" });
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(toast(page, "Profile saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Job function")).toHaveValue("engineering");
    await context.close();
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`the getting-started checklist and the profile are axe clean (${theme} theme)`, async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("Greta");
    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);
    await expect(checklist(page)).toBeVisible();
    await expect(step(page, "Create an API key").getByText("Done", { exact: true })).toBeVisible();
    await auditPage(page, "members-getting-started", theme);
    await page.goto("/account/profile");
    await expect(page.getByLabel("Job function")).toBeVisible();
    await auditPage(page, "profile-job-function", theme);
    await context.close();
  });
}
