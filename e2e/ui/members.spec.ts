import { expect, test, type Page } from "@playwright/test";
import { addMember, bearer, makeKey, makeUser, type Org } from "../support/cli";
import { auditPage, BASE_URL, completeProviderSignIn, ownerWithOrganization, patchOrganization, signedInContext, staleSignedInContext, toast } from "../support/ui";

const membersTable = (page: Page, org: Org) => page.getByRole("table", { name: `Members of ${org.name}` });
const memberRows = (page: Page, org: Org) => membersTable(page, org).locator("tbody tr");
const levelButton = (page: Page, level: string, name: string) => page.getByRole("button", { name: `${level}: level of ${name}` });
const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search members" });

test.describe("members", () => {
  test("search as you type keeps the query in the URL and filters the table; sorting by joined flips the order", async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("Quincy");
    const zelda = await makeUser("Zelda");
    await addMember(org.id, zelda.email, 1);
    const yusuf = await makeUser("Yusuf");
    await addMember(org.id, yusuf.email, 8);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);

    const rows = memberRows(page, org);
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toContainText(yusuf.email);
    await searchBox(page).pressSequentially("zeld");
    await expect(page).toHaveURL(/[?&]search=zeld(&|$)/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(zelda.email);

    await page.reload();
    await expect(searchBox(page)).toHaveValue("zeld");
    await expect(rows).toHaveCount(1);
    await searchBox(page).fill("no such person anywhere");
    await expect(page.getByRole("heading", { name: "No members match “no such person anywhere”" })).toBeVisible();
    await page.getByRole("button", { name: "Clear the search" }).click();
    await expect(page).not.toHaveURL(/search=/);
    await expect(rows).toHaveCount(3);

    await page.getByRole("button", { name: "Joined" }).click();
    await expect(page).toHaveURL(/[?&]order=joined_at/);
    await expect(page.getByRole("columnheader", { name: "Joined" })).toHaveAttribute("aria-sort", "ascending");
    await expect(rows.first()).toContainText(user.email);
    await expect(rows.last()).toContainText(yusuf.email);
    await page.goBack();
    await expect(page).not.toHaveURL(/order=/);
    await expect(page.getByRole("columnheader", { name: "Joined" })).toHaveAttribute("aria-sort", "descending");
    await expect(rows.first()).toContainText(yusuf.email);
    await context.close();
  });

  test("the page and the search live in the URL: a reload keeps them and back returns to the previous page", async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("Paige");
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => makeUser(i === 7 ? "Zephyrine" : `Bulk${i}`)));
    await Promise.all(people.map((person) => addMember(org.id, person.email, 1)));
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);

    const pages = page.getByRole("navigation", { name: "Member pages" });
    const rows = memberRows(page, org);
    await expect(rows).toHaveCount(20);
    await expect(pages).toContainText("1–20 of 21");
    await pages.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(user.email);
    await page.reload();
    await expect(pages).toContainText("21–21 of 21");
    await expect(rows).toHaveCount(1);
    await page.goBack();
    await expect(page).not.toHaveURL(/page=/);
    await expect(rows).toHaveCount(20);

    await searchBox(page).fill("zephyr");
    await expect(page).toHaveURL(/[?&]search=zephyr(&|$)/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(people[7].email);
    await page.reload();
    await expect(searchBox(page)).toHaveValue("zephyr");
    await expect(rows).toHaveCount(1);
    await context.close();
  });

  test("an owner changes a level from the menu by keyboard, reading what each level may do, and removes someone after confirming", async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("Olive");
    const morgan = await makeUser("Morgan");
    await addMember(org.id, morgan.email, 1);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);

    await levelButton(page, "Member", "Morgan").focus();
    await page.keyboard.press("ArrowDown");
    const member = page.getByRole("menuitemradio", { name: "Member" });
    await expect(member).toBeFocused();
    await expect(member).toHaveAttribute("aria-checked", "true");
    await expect(member).toHaveAccessibleDescription(/Invites people when the organization allows it\./);
    await expect(page.getByRole("menuitemradio", { name: "Administrator" })).toHaveAccessibleDescription(/Also sees the activity log, the outbox and its legal documents\./);
    await expect(page.getByRole("menuitemradio", { name: "Owner" })).toHaveAccessibleDescription(/Also deletes the organization\./);
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitemradio", { name: "Administrator" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(toast(page, "Morgan is now an administrator.")).toBeVisible();
    await expect(levelButton(page, "Administrator", "Morgan")).toBeFocused();
    await expect(page.getByRole("dialog")).toHaveCount(0);

    await page.getByRole("button", { name: "Remove Morgan" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove Morgan?" });
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Remove member" }).click();
    await expect(toast(page, `Morgan was removed from ${org.name}.`)).toBeVisible();
    await expect(memberRows(page, org)).toHaveCount(1);
    await expect(membersTable(page, org)).not.toContainText(morgan.email);
    await context.close();
  });

  test("making someone an owner, and making an owner something else, ask first: Escape cancels, Enter on the confirm button applies", async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("Otto");
    const riley = await makeUser("Riley");
    await addMember(org.id, riley.email, 1);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);

    const rileyLevel = levelButton(page, "Member", "Riley");
    await rileyLevel.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menuitemradio", { name: "Member" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(page.getByRole("menuitemradio", { name: "Owner" })).toBeFocused();
    await page.keyboard.press("Enter");
    const promote = page.getByRole("dialog", { name: "Make Riley an owner?" });
    await expect(promote).toContainText("Riley gets the highest level.");
    await expect(promote).toContainText("Also deletes the organization.");
    await expect(promote.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(promote).toBeHidden();
    await expect(rileyLevel).toBeFocused();
    await expect(toast(page, /is now/)).toHaveCount(0);

    await page.keyboard.press("Enter");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await expect(promote.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(promote.getByRole("button", { name: "Make owner" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(toast(page, "Riley is now an owner.")).toBeVisible();
    const rileyOwner = levelButton(page, "Owner", "Riley");
    await expect(rileyOwner).toBeFocused();

    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitemradio", { name: "Administrator" })).toBeFocused();
    await page.keyboard.press("Enter");
    const demote = page.getByRole("dialog", { name: "Make Riley an administrator?" });
    await expect(demote).toContainText("Riley stops being an owner.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(toast(page, "Riley is now an administrator.")).toBeVisible();
    await expect(levelButton(page, "Administrator", "Riley")).toBeVisible();
    const members = await (await page.request.get(`/api/organizations/${org.id}/members/`)).json();
    expect(members.results.find((m: { user: { email: string } }) => m.user.email === riley.email).level).toBe(8);
    await context.close();
  });

  test("an admin's menu gives the reason for a level they may not choose; a member sees levels as text with what each may do, and can leave; an owner cannot leave", async ({ browser }) => {
    const made = await ownerWithOrganization("Parker");
    const { user, key } = made;
    // A name that ends with a full stop: the toasts must not add a second one.
    const org = { ...made.org, name: `${made.org.name} Inc.` };
    await patchOrganization(key, org.id, { name: org.name });
    const admin = await makeUser("Ada");
    await addMember(org.id, admin.email, 8);
    const member = await makeUser("Milo");
    await addMember(org.id, member.email, 1);

    const adminContext = await signedInContext(browser, admin.email);
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`/organizations/${org.id}/members`);
    await levelButton(adminPage, "Member", "Milo").click();
    await expect(adminPage.getByRole("menuitemradio", { name: "Administrator" })).not.toHaveAttribute("aria-disabled");
    await expect(adminPage.getByRole("menuitemradio", { name: "Owner" })).toHaveAttribute("aria-disabled", "true");
    await expect(adminPage.getByRole("menuitemradio", { name: "Owner" })).toHaveAccessibleDescription(/^Only owners make owners\./);
    await adminPage.keyboard.press("Escape");
    // An owner's level and one's own are beyond an admin: text, not a menu.
    await expect(adminPage.getByRole("button", { name: /level of Parker/ })).toHaveCount(0);
    await expect(adminPage.getByRole("button", { name: /level of Ada/ })).toHaveCount(0);
    await expect(adminPage.getByRole("button", { name: "Remove Parker" })).toHaveCount(0);
    await adminContext.close();

    const context = await signedInContext(browser, member.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);
    await expect(memberRows(page, org)).toHaveCount(3);
    await expect(page.getByRole("button", { name: /level of/ })).toHaveCount(0);
    await expect(page.getByRole("menu")).toHaveCount(0);
    const parkerRow = membersTable(page, org).getByRole("row", { name: /Parker/ });
    await expect(parkerRow.getByRole("cell", { name: "Owner", exact: true })).toBeVisible();
    await page.getByText("What each level may do").click();
    await expect(page.getByText("Invites people when the organization allows it.")).toBeVisible();
    await expect(page.getByText("Can't leave until another owner lowers their level.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Get started" })).toHaveCount(0);

    await page.getByRole("button", { name: `Leave ${org.name}` }).click();
    await page.getByRole("dialog", { name: `Leave ${org.name}?` }).getByRole("button", { name: "Leave organization" }).click();
    await expect(page).toHaveURL("/organizations/new");
    await expect(toast(page, new RegExp(`^You left ${org.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`))).toBeVisible();
    await context.close();

    const ownerContext = await signedInContext(browser, user.email);
    const ownerPage = await ownerContext.newPage();
    await ownerPage.goto(`/organizations/${org.id}/members`);
    await expect(memberRows(ownerPage, org)).toHaveCount(2);
    await expect(ownerPage.getByRole("button", { name: `Leave ${org.name}` })).toBeDisabled();
    await expect(ownerPage.getByText("Owners can't leave.")).toBeVisible();
    await ownerContext.close();
  });

  test("a member opens another member's details by keyboard: level, how they joined, their personal API keys that reach here and their GitHub login", async ({ browser }) => {
    const { org } = await ownerWithOrganization("Harper");
    const keeper = await makeUser("Kai");
    await addMember(org.id, keeper.email, 1);
    const key = await makeKey(keeper.email, "*");
    expect((await fetch(`${BASE_URL}/api/organizations/${org.id}/`, { headers: bearer(key) })).status).toBe(200);
    const viewer = await makeUser("Vera");
    await addMember(org.id, viewer.email, 1);
    const context = await signedInContext(browser, viewer.email);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);

    const opener = page.getByRole("button", { name: "Details of Kai" });
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Kai" });
    await expect(dialog).toContainText(keeper.email);
    const keys = dialog.getByRole("list", { name: "Personal API keys" });
    await expect(keys.getByRole("listitem")).toHaveCount(1);
    await expect(keys.getByRole("listitem").getByText("k", { exact: true })).toBeVisible();
    await expect(keys.getByRole("listitem")).toContainText("Last used");
    await expect(dialog.getByText("Active in the last week")).toBeVisible();
    await expect(dialog.getByText("None linked")).toBeVisible();
    await expect(dialog).toContainText("Level");
    await expect(dialog).toContainText("Last login");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    await page.getByRole("button", { name: "Details of Harper" }).click();
    const creator = page.getByRole("dialog", { name: "Harper" });
    await expect(creator.getByRole("definition").filter({ hasText: "Created the organization." })).toBeVisible();
    await expect(creator).toContainText("Owner");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Details of Vera" }).click();
    const own = page.getByRole("dialog", { name: "Vera" });
    await expect(own).toContainText("Added by a server administrator from the command line.");
    await expect(own.getByText("No personal API keys reach this organization.")).toBeVisible();
    await own.getByRole("button", { name: "Close" }).click();
    await expect(own).toBeHidden();
    await context.close();
  });

  test("with an old sign-in, a level change asks to confirm it's you, then completes after signing in again", async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("Sasha");
    const member = await makeUser("Toby");
    await addMember(org.id, member.email, 1);
    const context = await staleSignedInContext(browser, user.email, 8000);
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);

    await levelButton(page, "Member", "Toby").click();
    await page.getByRole("menuitemradio", { name: "Administrator" }).click();
    const confirm = page.getByRole("dialog", { name: "Confirm it's you" });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Sign in again" }).click();
    await completeProviderSignIn(page, { email: user.email });

    await expect(toast(page, "Toby is now an administrator.")).toBeVisible();
    await expect(page).toHaveURL(`/organizations/${org.id}/members`);
    await expect(levelButton(page, "Administrator", "Toby")).toBeVisible();
    await context.close();
  });
});

for (const theme of ["light", "dark"] as const) {
  test(`the members page, its level menu and dialogs are axe clean (${theme} theme)`, async ({ browser }) => {
    const { user, org } = await ownerWithOrganization("Avery");
    const member = await makeUser("Morgan");
    await addMember(org.id, member.email, 1);
    await makeKey(member.email, "*");
    const context = await signedInContext(browser, user.email, { theme });
    const page = await context.newPage();
    await page.goto(`/organizations/${org.id}/members`);
    await expect(memberRows(page, org)).toHaveCount(2);
    await auditPage(page, "members", theme);
    await levelButton(page, "Member", "Morgan").click();
    await auditPage(page, "members-level-menu", theme);
    await page.getByRole("menuitemradio", { name: "Owner" }).click();
    await expect(page.getByRole("dialog", { name: "Make Morgan an owner?" })).toBeVisible();
    await auditPage(page, "members-level-confirm-dialog", theme);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Remove Morgan" }).click();
    await auditPage(page, "members-remove-dialog", theme);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Details of Morgan" }).click();
    await expect(page.getByRole("dialog", { name: "Morgan" }).getByRole("listitem")).toHaveCount(1);
    await expect(page.getByRole("dialog", { name: "Morgan" })).toContainText("Added by a server administrator");
    await auditPage(page, "members-details-dialog", theme);
    await context.close();

    const memberContext = await signedInContext(browser, member.email, { theme });
    const memberPage = await memberContext.newPage();
    await memberPage.goto(`/organizations/${org.id}/members`);
    await expect(memberRows(memberPage, org)).toHaveCount(2);
    await auditPage(memberPage, "member-members", theme);
    await memberContext.close();
  });
}
