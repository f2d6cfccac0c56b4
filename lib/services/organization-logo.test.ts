import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { getDb } from "../../db/client";
import { activityLog, emailOutbox, media, organizations } from "../../db/schema";
import { defaultAdapters } from "../adapters";
import { organizationInitials } from "../format/organization-initials";
import { ADMIN, MEMBER } from "../auth/permissions";
import { call, expectAppError, makeOrganization, makeUser, sessionOf, uniqueEmail } from "../testing/fixtures";
import { inspectInvite } from "./invite-accept";
import { createInvite, getInviteLink } from "./invites";
import { getAuthSecret } from "./instance";
import { signedMediaUrl } from "./media/links";
import { listMyOrganizationLogos, readMedia, removeOrganizationLogo, setOrganizationLogo } from "./organization-logo";
import { deleteOrganizationJob } from "../jobs/kinds/delete-organization";
import type { Job } from "../jobs/types";
import { log } from "../log";
import { deleteOrganization } from "./organizations";

const png = async () => new Uint8Array(await sharp({ create: { width: 600, height: 300, channels: 4, background: "#09c" } }).png().toBuffer());
const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="4" height="4"/></svg>');

async function read(mediaId: string, principal: Parameters<typeof sessionOf>[0] | null, signature: string | null = null) {
  return readMedia(await getDb(), defaultAdapters(), { mediaId, principal: principal && sessionOf(principal), signature });
}

describe("organization logo", () => {
  test("an admin sets a logo: stored resized, the organization points at it, and the change is in the activity log", async () => {
    const { org, owner, members: [admin] } = await makeOrganization([ADMIN]);
    const result = await call(setOrganizationLogo, sessionOf(admin), { logo: await png() }, org.id);
    assert.equal(result.content_type, "image/png");
    const db = await getDb();
    const [row] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(row.logoMediaId, result.logo_media_id);
    const [stored] = await db.select().from(media).where(eq(media.id, result.logo_media_id));
    assert.deepEqual([stored.organizationId, stored.contentType, stored.size, stored.createdById], [org.id, "image/png", result.size, admin.id]);
    const image = await read(result.logo_media_id, owner);
    assert.ok(image);
    assert.equal((await sharp(image.bytes).metadata()).width, 256);
    const [entry] = await db.select().from(activityLog).where(and(eq(activityLog.organizationId, org.id), eq(activityLog.activity, "updated")));
    assert.deepEqual((entry.detail as { changes: unknown[] }).changes, [
      { type: "Organization", field: "logo_media_id", action: "changed", before: null, after: result.logo_media_id },
    ]);
    assert.deepEqual(await call(listMyOrganizationLogos, sessionOf(owner)), { [org.id]: result.logo_media_id });
  });

  test("a member may not set or remove the logo", async () => {
    const { org, members: [member] } = await makeOrganization([MEMBER]);
    await expectAppError(call(setOrganizationLogo, sessionOf(member), { logo: svg }, org.id), 403, "permission_denied");
    await expectAppError(call(removeOrganizationLogo, sessionOf(member), {}, org.id), 403, "permission_denied");
  });

  test("a file that is too large or not an image is refused and nothing is stored", async () => {
    const { org, owner } = await makeOrganization();
    await expectAppError(call(setOrganizationLogo, sessionOf(owner), { logo: new Uint8Array(1024 * 1024 + 1) }, org.id), 413, "request_too_large");
    await expectAppError(call(setOrganizationLogo, sessionOf(owner), { logo: new TextEncoder().encode("plain text") }, org.id), 415, "unsupported_media_type");
    assert.equal((await (await getDb()).select().from(media).where(eq(media.organizationId, org.id))).length, 0);
  });

  test("members read the image, outsiders and unknown ids get nothing, the signed link works for anyone", async () => {
    const { org, owner, members: [member] } = await makeOrganization([MEMBER]);
    const outsider = await makeUser("outsider");
    const { logo_media_id: id } = await call(setOrganizationLogo, sessionOf(owner), { logo: svg }, org.id);
    const image = await read(id, member);
    assert.equal(image?.contentType, "image/svg+xml");
    assert.ok(!new TextDecoder().decode(image!.bytes).includes("onload"));
    assert.equal(await read(id, outsider), null);
    assert.equal(await read(id, null), null);
    assert.equal(await read(crypto.randomUUID(), owner), null);
    assert.equal(await read("not-a-uuid", owner), null);
    const signature = new URL(signedMediaUrl(await getAuthSecret(await getDb()), id)).searchParams.get("sig");
    assert.ok(await read(id, null, signature));
    const forged = `${signature![0] === "A" ? "B" : "A"}${signature!.slice(1)}`;
    assert.equal(await read(id, outsider, forged), null);
  });

  test("replacing deletes the old image; removing leaves no logo and no image", async () => {
    const { org, owner } = await makeOrganization();
    const first = await call(setOrganizationLogo, sessionOf(owner), { logo: svg }, org.id);
    const second = await call(setOrganizationLogo, sessionOf(owner), { logo: await png() }, org.id);
    assert.equal(await read(first.logo_media_id, owner), null);
    assert.equal(await defaultAdapters().storage.get(`media/${first.logo_media_id}`), null);
    assert.ok(await read(second.logo_media_id, owner));
    assert.deepEqual(await call(removeOrganizationLogo, sessionOf(owner), {}, org.id), { logo_media_id: null });
    assert.equal(await read(second.logo_media_id, owner), null);
    assert.equal(await defaultAdapters().storage.get(`media/${second.logo_media_id}`), null);
    const [row] = await (await getDb()).select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(row.logoMediaId, null);
    assert.deepEqual(await call(listMyOrganizationLogos, sessionOf(owner)), {});
  });

  test("invitation emails and the invitation page show the logo through its signed link, or initials without one", async () => {
    const { org, owner } = await makeOrganization();
    const db = await getDb();
    const before = await call(createInvite, sessionOf(owner), { target_email: uniqueEmail("nologo") }, org.id);
    const [plain] = await db.select().from(emailOutbox).where(eq(emailOutbox.relatedId, before.id));
    assert.ok(!plain.html.includes("<img"));
    assert.ok(plain.html.includes(`>${organizationInitials(org.name)}</div>`));
    const { logo_media_id: id } = await call(setOrganizationLogo, sessionOf(owner), { logo: svg }, org.id);
    const invite = await call(createInvite, sessionOf(owner), { target_email: uniqueEmail("logo") }, org.id);
    const link = signedMediaUrl(await getAuthSecret(db), id);
    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.relatedId, invite.id));
    assert.ok(email.html.includes(`<img src="${link.replace(/&/g, "&amp;")}"`), email.html);
    assert.match(link, /^https?:\/\/[^/]+\/media\/[0-9a-f-]{36}\?sig=[\w-]{22}$/);
    const { url } = await call(getInviteLink, sessionOf(owner), { id: invite.id }, org.id);
    const page = await inspectInvite(url.split("/invites/")[1]);
    assert.equal(page.state === "valid" && page.organization.logoUrl, link);
  });

  test("deleting the organization deletes its logo's bytes too", async () => {
    const { org, owner } = await makeOrganization();
    const { logo_media_id: id } = await call(setOrganizationLogo, sessionOf(owner), { logo: svg }, org.id);
    assert.ok(await defaultAdapters().storage.get(`media/${id}`));
    await call(deleteOrganization, sessionOf(owner), {}, org.id);
    assert.ok(await defaultAdapters().storage.get(`media/${id}`), "the bytes go with the deletion job");
    const job = { payload: { organization_id: org.id } } as unknown as Job;
    await deleteOrganizationJob({ db: await getDb(), adapters: defaultAdapters(), now: new Date(), log, job });
    assert.equal(await defaultAdapters().storage.get(`media/${id}`), null);
    assert.equal((await (await getDb()).select().from(media).where(eq(media.id, id))).length, 0);
  });
});
