import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { folderStorage, memoryStorage } from "./index";

for (const [name, make] of [
  ["folder", () => folderStorage(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-storage-")), "storage"))],
  ["memory", memoryStorage],
] as const) {
  describe(`${name} storage`, () => {
    test("puts, gets and deletes by key; a missing key is null and deleting it is no error", async () => {
      const storage = make();
      await storage.put("media/abc-1", new Uint8Array([1, 2, 3]));
      assert.deepEqual(await storage.get("media/abc-1"), new Uint8Array([1, 2, 3]));
      await storage.put("media/abc-1", new Uint8Array([4]));
      assert.deepEqual(await storage.get("media/abc-1"), new Uint8Array([4]));
      await storage.delete("media/abc-1");
      assert.equal(await storage.get("media/abc-1"), null);
      await storage.delete("media/abc-1");
    });

    test("refuses keys that could leave the storage folder", async () => {
      const storage = make();
      for (const key of ["../escape", "media/../../x", "/etc/passwd", "Media/A", ""]) {
        await assert.rejects(storage.put(key, new Uint8Array([1])), /Invalid storage key/, key);
      }
    });
  });
}

test("the folder and its subfolders are private to their owner, and files are 0600", async () => {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-storage-")), "storage");
  await folderStorage(root).put("media/one", new Uint8Array([1]));
  assert.equal(fs.statSync(root).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(root, "media")).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(root, "media", "one")).mode & 0o777, 0o600);
});
