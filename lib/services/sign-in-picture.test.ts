import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { accounts, users } from "../../db/schema";
import { uniqueEmail } from "../testing/fixtures";
import { prepareSignIn, type SignInClaims } from "./sign-in";
import { PICTURE_MAX_LENGTH, pictureFromClaim } from "./sign-in-picture";

describe("pictureFromClaim", () => {
  test("keeps https pictures, and http ones only on this machine", () => {
    assert.equal(pictureFromClaim("https://lh3.example.com/a/photo.jpg?sz=96"), "https://lh3.example.com/a/photo.jpg?sz=96");
    assert.equal(pictureFromClaim("http://127.0.0.1:3001/me.png"), "http://127.0.0.1:3001/me.png");
    assert.equal(pictureFromClaim("http://localhost:3000/favicon.svg"), "http://localhost:3000/favicon.svg");
    assert.equal(pictureFromClaim("http://photos.example.com/me.png"), null);
  });

  test("refuses other schemes, credentials, non-strings and overlong URLs", () => {
    for (const claim of ["javascript:alert(1)", "data:image/png;base64,AAAA", "ftp://example.com/a.png", "//example.com/a.png", "not a url", "https://user:pass@example.com/a.png", 42, null, undefined]) {
      assert.equal(pictureFromClaim(claim), null, String(claim));
    }
    const long = `https://example.com/${"a".repeat(PICTURE_MAX_LENGTH)}`;
    assert.equal(pictureFromClaim(long), null);
  });
});

describe("sign-in keeps the picture", () => {
  const claims = (over: Partial<SignInClaims> = {}): SignInClaims => ({
    provider: "oidc",
    issuer: "https://pictures.idp.example.test",
    providerAccountId: randomBytes(6).toString("hex"),
    email: uniqueEmail("picture"),
    emailVerified: true,
    givenName: "Pia",
    familyName: "Picture",
    secondFactor: false,
    ...over,
  });
  const pictureOf = async (subject: string) => {
    const [row] = await (await getDb()).select({ picture: users.picture }).from(accounts).innerJoin(users, eq(users.id, accounts.userId)).where(eq(accounts.providerAccountId, subject));
    return row.picture;
  };

  test("on the first sign-in, follows later changes, and is removed when the provider stops sending it", async () => {
    const db = await getDb();
    const first = claims({ picture: "https://example.com/one.png" });
    await prepareSignIn(db, first);
    assert.equal(await pictureOf(first.providerAccountId), "https://example.com/one.png");
    await prepareSignIn(db, { ...first, picture: "https://example.com/two.png" });
    assert.equal(await pictureOf(first.providerAccountId), "https://example.com/two.png");
    await prepareSignIn(db, { ...first, picture: null });
    assert.equal(await pictureOf(first.providerAccountId), null);
  });
});
