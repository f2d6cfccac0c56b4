import { expect, test } from "./recording";
import { makeOrganization, makeSession } from "../support/cli";

const titleOf = (html: string) => html.match(/<title>([^<]*)<\/title>/)?.[1];

test.describe("every page has a title", () => {
  test("an unknown page, an unknown organization and an invitation link say what they are in the title", async ({ request }) => {
    const missing = await request.get("/no-such-page");
    expect(missing.status()).toBe(404);
    expect(titleOf(await missing.text())).toBe("Page not found · Orgdeck");

    const { owner } = await makeOrganization();
    const cookie = await makeSession(owner.email);
    const unknownOrg = await request.get("/organizations/00000000-0000-4000-8000-000000000000/settings", { headers: { Cookie: cookie } });
    expect(unknownOrg.status()).toBe(404);
    expect(titleOf(await unknownOrg.text())).toBe("Not found · Orgdeck");

    const invitation = await request.get("/invites/not-a-real-token");
    expect(titleOf(await invitation.text())).toBe("Invitation · Orgdeck");
  });
});
