import { expect, test, type Locator, type Page } from "@playwright/test";
import { addMember, bearer, cli, makeUser } from "../support/cli";
import { auditPage, BASE_URL, ownerWithOrganization, signedInContext, toast } from "../support/ui";

type ProjectWire = { id: number; name: string; timezone: string; session_recording_sample_rate: string | null; access_control: boolean };

const unique = (name: string) => `${name} ${Math.random().toString(16).slice(2, 8)}`;

async function api(key: string, path: string, init: RequestInit = {}) {
  return fetch(`${BASE_URL}${path}`, { ...init, headers: { ...bearer(key), "content-type": "application/json", ...init.headers } });
}

async function keyOf(email: string) {
  return (await cli<{ key: string }>("api-key", "create", "--email", email, "--label", "projects", "--scopes", "*")).key;
}

/**
 * Waits until React has hydrated this control: a click on the server-rendered HTML before then is lost, which a busy
 * machine makes likely right after a page load.
 */
async function interactive(control: Locator) {
  await expect.poll(() => control.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps")))).toBe(true);
}

/** Changes one setting in its section and saves that section alone. */
async function saveSection(page: Page, section: string, change: () => Promise<unknown>) {
  await change();
  await page.getByRole("button", { name: `Save ${section.toLowerCase()} settings` }).click();
  await expect(toast(page, `${section} settings saved.`)).toBeVisible();
}

test.describe("projects", () => {
  test("an owner creates a project, changes two sections, makes it private, and a member loses it", async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("projects");
    const taken = unique("Taken");
    expect((await api(key, `/api/organizations/${org.id}/projects/`, { method: "POST", body: JSON.stringify({ name: taken }) })).status).toBe(201);
    const context = await signedInContext(browser, user.email);
    const page = await context.newPage();

    await page.goto(`/organizations/${org.id}/projects`);
    await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
    await expect(page).toHaveTitle("Projects · Orgdeck");
    await expect(page.getByRole("link", { name: taken })).toBeVisible();
    await auditPage(page, "projects-list", "light");

    const name = unique("Web app");
    await interactive(page.getByRole("button", { name: "New project" }));
    await page.getByRole("button", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await dialog.getByRole("button", { name: "Create project" }).click();
    const ready = page.getByRole("dialog", { name: `${name} is ready` });
    await expect(ready.getByLabel("Secret API token")).toHaveValue(/^ods_/);
    await auditPage(page, "project-created-dialog", "light");
    await ready.getByRole("link", { name: "Open project settings" }).click();

    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page).toHaveTitle(`${name} · Projects · Orgdeck`);
    const id = Number(page.url().split("/").pop());
    const created = (await (await api(key, `/api/organizations/${org.id}/projects/${id}/`)).json()) as ProjectWire & { api_token: string };
    expect([created.name, created.timezone, created.access_control]).toEqual([name, "Asia/Tokyo", false]);
    await expect(page.getByRole("definition").filter({ hasText: created.api_token })).toBeVisible();

    await saveSection(page, "General", () => page.getByLabel("Time zone", { exact: true }).selectOption("Europe/Paris"));
    await saveSection(page, "Session replay", () => page.getByLabel("Sample rate").fill("0.5"));

    // A name another project holds: the API's refusal (a conflict, no field named) shows above the section's fields,
    // the heading goes back to the saved name, and the typed name stays to be corrected.
    await page.getByLabel("Name", { exact: true }).fill(taken);
    await page.getByRole("button", { name: "Save general settings" }).click();
    await expect(page.getByRole("alert").filter({ hasText: `There is already a project called "${taken}"` })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(taken);
    // A value the API refuses at a field: the message sits at that field.
    await page.getByLabel("Minimum duration (milliseconds)").fill("40000");
    await page.getByRole("button", { name: "Save session replay settings" }).click();
    await expect(page.getByLabel("Minimum duration (milliseconds)")).toHaveAttribute("aria-invalid", "true");

    await page.reload();
    await interactive(page.getByLabel("Private project"));
    await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("Europe/Paris");
    expect(Number(await page.getByLabel("Sample rate").inputValue())).toBe(0.5);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
    const saved = (await (await api(key, `/api/organizations/${org.id}/projects/${id}/`)).json()) as ProjectWire;
    expect([saved.name, saved.timezone, Number(saved.session_recording_sample_rate)]).toEqual([name, "Europe/Paris", 0.5]);
    await auditPage(page, "project-settings", "light");

    const member = await makeUser("member");
    const guest = await makeUser("guest");
    await addMember(org.id, member.email, 1);
    await addMember(org.id, guest.email, 1);
    const [memberKey, guestKey] = await Promise.all([keyOf(member.email), keyOf(guest.email)]);
    expect((await api(memberKey, `/api/organizations/${org.id}/projects/${id}/`)).status).toBe(200);

    await page.getByLabel("Private project").check();
    await expect(toast(page, "The project is private now.")).toBeVisible();
    const people = page.getByRole("list", { name: "People with access" });
    await expect(people.getByText("Nobody has explicit access yet")).toBeVisible();
    expect(((await (await api(key, `/api/organizations/${org.id}/projects/${id}/`)).json()) as ProjectWire).access_control).toBe(true);
    await page.getByLabel("Organization member").selectOption({ label: `guest (${guest.email})` });
    await page.getByRole("button", { name: "Give access" }).click();
    await expect(people.getByText(guest.email)).toBeVisible();
    await expect(people.getByLabel("Project level of guest")).toHaveValue("member");
    expect((await api(guestKey, `/api/organizations/${org.id}/projects/${id}/`)).status).toBe(200);

    const memberPage = await (await signedInContext(browser, member.email)).newPage();
    await memberPage.goto(`/organizations/${org.id}/projects`);
    await expect(memberPage.getByRole("link", { name: taken })).toBeVisible();
    await expect(memberPage.getByRole("link", { name })).toHaveCount(0);
    await expect(memberPage.getByRole("button", { name: "New project" })).toBeDisabled();
    const list = (await (await api(memberKey, `/api/organizations/${org.id}/projects/`)).json()) as { results: ProjectWire[] };
    expect(list.results.map((p) => p.name)).toEqual([taken]);
    expect((await api(memberKey, `/api/organizations/${org.id}/projects/${id}/`)).status).toBe(404);
    await memberPage.goto(`/organizations/${org.id}/projects/${id}`);
    await expect(memberPage.getByRole("heading", { level: 1 })).toHaveText("Not found");
    await memberPage.context().close();
    await context.close();
  });

  test("a member sees the admin-only controls disabled with the reason; the owner rotates the secret token and deletes the project", async ({ browser }) => {
    test.slow();
    const { user, key, org } = await ownerWithOrganization("projects");
    const name = unique("Shop");
    const res = await api(key, `/api/organizations/${org.id}/projects/`, { method: "POST", body: JSON.stringify({ name }) });
    const { id, secret_api_token: firstSecret } = (await res.json()) as ProjectWire & { secret_api_token: string };
    const member = await makeUser("member");
    await addMember(org.id, member.email, 1);

    const memberPage = await (await signedInContext(browser, member.email)).newPage();
    await memberPage.goto(`/organizations/${org.id}/projects`);
    await expect(memberPage.getByRole("button", { name: "New project" })).toBeDisabled();
    await expect(memberPage.getByText("Only admins create projects here.")).toBeVisible();
    await memberPage.getByRole("link", { name }).click();
    await expect(memberPage.getByRole("heading", { level: 1, name })).toBeVisible();
    await interactive(memberPage.getByLabel("Discard client IP addresses"));
    await expect(memberPage.getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(memberPage.getByText("Only project admins change this.").first()).toBeVisible();
    await expect(memberPage.getByLabel("Private project")).toBeDisabled();
    await expect(memberPage.getByRole("button", { name: "Delete project" })).toBeDisabled();
    await expect(memberPage.getByRole("button", { name: "Rotate secret token" })).toBeDisabled();
    // Member-safe settings stay open to members.
    await saveSection(memberPage, "Privacy", () => memberPage.getByLabel("Discard client IP addresses").check());
    await memberPage.context().close();

    const page = await (await signedInContext(browser, user.email, { theme: "dark" })).newPage();
    await page.goto(`/organizations/${org.id}/projects/${id}`);
    await expect(page.getByLabel("Discard client IP addresses")).toBeChecked();
    await auditPage(page, "project-settings", "dark");
    await interactive(page.getByRole("button", { name: "Rotate secret token" }));
    await page.getByRole("button", { name: "Rotate secret token" }).click();
    await page.getByRole("dialog", { name: "Rotate the secret API token?" }).getByRole("button", { name: "Rotate secret token" }).click();
    const shown = page.getByRole("dialog", { name: "New secret API token" }).getByLabel("Secret API token");
    await expect(shown).toHaveValue(/^ods_/);
    expect(await shown.inputValue()).not.toBe(firstSecret);
    await page.getByRole("dialog", { name: "New secret API token" }).getByRole("button", { name: "I have copied it" }).click();

    await page.getByRole("button", { name: "Delete project" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
    await expect(confirm.getByRole("button", { name: "Delete this project" })).toBeDisabled();
    await confirm.getByLabel(`Type ${name} to confirm`).fill(name);
    await confirm.getByRole("button", { name: "Delete this project" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
    await auditPage(page, "projects-list-empty", "dark");
    const gone = (await (await api(key, `/api/organizations/${org.id}/projects/`)).json()) as { count: number };
    expect(gone.count).toBe(0);
    await page.context().close();
  });
});
