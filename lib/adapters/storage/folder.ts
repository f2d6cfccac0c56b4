import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { ensurePrivateDir } from "../../../db/lock";
import { checkKey } from "./keys";
import { signStorageLink } from "./signed-link";
import type { ObjectStorage } from "./types";

/**
 * Files in a private folder (0700, files 0600), written through a temporary file so a reader never sees half of one.
 * Links point at Orgdeck itself (`siteUrl`), which checks their signature and serves the file.
 */
export function folderStorage(root: string, siteUrl: string): ObjectStorage {
  const fileOf = (key: string) => path.join(root, ...checkKey(key).split("/"));
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      ensurePrivateDir(root);
      ensurePrivateDir(path.dirname(file));
      const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await fs.writeFile(tmp, bytes, { mode: 0o600 });
      await fs.rename(tmp, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await fs.readFile(fileOf(key)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
    async presignGet(key, options) {
      return signStorageLink(siteUrl, key, options);
    },
  };
}

/** Kept in this process only (tests, and the `memory://` data folder); links point at Orgdeck like a folder's. */
export function memoryStorage(siteUrl = "http://localhost:3000"): ObjectStorage {
  const objects = new Map<string, Uint8Array>();
  return {
    async put(key, bytes) {
      objects.set(checkKey(key), new Uint8Array(bytes));
    },
    async get(key) {
      const bytes = objects.get(checkKey(key));
      return bytes ? new Uint8Array(bytes) : null;
    },
    async delete(key) {
      objects.delete(checkKey(key));
    },
    async presignGet(key, options) {
      return signStorageLink(siteUrl, key, options);
    },
  };
}
