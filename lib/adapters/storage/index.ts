import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { ensurePrivateDir } from "../../../db/lock";

/**
 * Where uploaded files are kept, by key (`media/<id>`). Small on purpose (put, get, delete) so that an S3 bucket can
 * stand in for the local folder later.
 */
export interface ObjectStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/** Keys are lower-case words joined by `/`: nothing a caller passes can climb out of the storage folder. */
function checkKey(key: string) {
  if (!KEY.test(key)) throw new Error(`Invalid storage key: ${key}`);
  return key;
}

/** Files in a private folder (0700, files 0600), written through a temporary file so a reader never sees half of one. */
export function folderStorage(root: string): ObjectStorage {
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
  };
}

/** Kept in this process only (tests, and the `memory://` data folder). */
export function memoryStorage(): ObjectStorage {
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
  };
}

/** The storage for a data folder: `<data folder>/storage`, or memory when the data folder is `memory://`. */
export function storageFor(dataDirSetting: string, dataDir: string): ObjectStorage {
  return dataDirSetting === "memory://" ? memoryStorage() : folderStorage(path.join(dataDir, "storage"));
}
