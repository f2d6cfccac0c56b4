import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keyGrantDenial } from "./rules";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

describe("keyGrantDenial", () => {
  test("scopes: only what the calling key holds; write covers read; * only from *", () => {
    const narrow = { scopes: ["personal_api_key:write"], scopedOrganizations: [] };
    assert.equal(keyGrantDenial(narrow, { scopes: ["personal_api_key:read", "personal_api_key:write"] }), null);
    assert.match(keyGrantDenial(narrow, { scopes: ["*"] })?.message ?? "", /cannot grant scopes it does not hold: \*\.$/);
    assert.match(keyGrantDenial(narrow, { scopes: ["user:read", "user:read"] })?.message ?? "", /: user:read\.$/);
    assert.equal(keyGrantDenial({ scopes: ["*"], scopedOrganizations: [] }, { scopes: ["*"] }), null);
  });

  test("organizations: an unscoped caller scopes freely; a scoped one grants only its own, never all", () => {
    const all = { scopes: ["*"], scopedOrganizations: [] };
    const scoped = { scopes: ["*"], scopedOrganizations: [A] };
    assert.equal(keyGrantDenial(all, { scopedOrganizations: [] }), null);
    assert.equal(keyGrantDenial(all, { scopedOrganizations: [B] }), null);
    assert.equal(keyGrantDenial(scoped, { scopedOrganizations: [A] }), null);
    assert.equal(keyGrantDenial(scoped, {}), null, "a PATCH that leaves organizations alone");
    assert.equal(keyGrantDenial(scoped, { scopedOrganizations: [] })?.code, "permission_denied");
    assert.match(keyGrantDenial(scoped, { scopedOrganizations: [A, B] })?.message ?? "", new RegExp(`not scoped to: ${B}\\.$`));
  });
});
