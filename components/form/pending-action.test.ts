import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { discardPendingAction, returnUrlFor, savePendingAction, takePendingAction } from "./pending-action";

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    size: () => map.size,
  };
}

const page = new URL("http://localhost:3000/organizations/o1/domains?tab=verified#top");

describe("pending sensitive actions", () => {
  test("the return URL is the same page, same-site, with the action's marker", () => {
    assert.equal(returnUrlFor("verify-domain", page), "/organizations/o1/domains?tab=verified&reauth=verify-domain#top");
  });

  test("the saved input comes back once, on the page marked for it, and the marker is removed", () => {
    const store = memoryStore();
    savePendingAction(store, "verify-domain", { id: "d1" });
    const back = new URL(returnUrlFor("verify-domain", page), page);
    assert.deepEqual(takePendingAction(store, "verify-domain", back), {
      input: { id: "d1" },
      cleanUrl: "/organizations/o1/domains?tab=verified#top",
    });
    assert.equal(takePendingAction(store, "verify-domain", back), null);
    assert.equal(store.size(), 0);
  });

  test("nothing resumes without the marker, or for another action's marker", () => {
    const store = memoryStore();
    savePendingAction(store, "verify-domain", { id: "d1" });
    assert.equal(takePendingAction(store, "verify-domain", page), null);
    assert.equal(takePendingAction(store, "remove-member", new URL(returnUrlFor("verify-domain", page), page)), null);
    assert.equal(store.size(), 1);
  });

  test("a cancelled confirmation leaves nothing behind", () => {
    const store = memoryStore();
    savePendingAction(store, "verify-domain", { id: "d1" });
    discardPendingAction(store, "verify-domain");
    assert.equal(takePendingAction(store, "verify-domain", new URL(returnUrlFor("verify-domain", page), page)), null);
  });
});
