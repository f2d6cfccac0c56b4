import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { derivedKey, open, seal, secretKey } from "./secret-box";

describe("secret box", () => {
  const key = secretKey(randomBytes(32));

  test("round trip: a sealed value opens with its key and context, and differs each time", () => {
    const a = seal(key, "whsec_abc", "row:1");
    const b = seal(key, "whsec_abc", "row:1");
    assert.notEqual(a, b);
    assert.match(a, new RegExp(`^sb1\\.${key.id}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+$`));
    assert.equal(open([key], a, "row:1"), "whsec_abc");
    assert.ok(!a.includes("whsec"));
  });

  test("tampering, another context or another key is refused", () => {
    const sealed = seal(key, "secret", "row:1");
    const [v, id, iv, body] = sealed.split(".");
    const bytes = Buffer.from(body, "base64url");
    bytes[0] ^= 1;
    assert.throws(() => open([key], [v, id, iv, bytes.toString("base64url")].join("."), "row:1"), /altered/);
    assert.throws(() => open([key], sealed, "row:2"), /altered/);
    const other = secretKey(randomBytes(32));
    assert.throws(() => open([other], sealed, "row:1"), /not configured/);
    assert.throws(() => open([key], "plain text", "row:1"), /not a sealed secret/);
  });

  test("rotation: values sealed under an older key still open when it is listed after the new one", () => {
    const old = derivedKey("an instance secret of at least thirty-two characters");
    assert.equal(derivedKey("an instance secret of at least thirty-two characters").id, old.id);
    const sealed = seal(old, "kept", "ctx");
    assert.equal(open([key, old], sealed, "ctx"), "kept");
    assert.equal(open([key, old], seal(key, "new", "ctx"), "ctx"), "new");
  });
});
