import path from "node:path";
import { EnvError, type Env } from "../../env";
import { folderStorage, memoryStorage } from "./folder";
import { s3Storage } from "./s3";
import type { ObjectStorage } from "./types";
import { parseStorageUrl } from "./url";

export type { ObjectStorage, PresignOptions } from "./types";
export { folderStorage, memoryStorage } from "./folder";
export { s3Storage, type S3Settings } from "./s3";
export { contentTypeOf, defaultFilename, isStorageKey } from "./keys";
export { STORAGE_PATH, verifyStorageLink } from "./signed-link";

type StorageSettings = Pick<
  Env,
  "STORAGE_URL" | "STORAGE_ACCESS_KEY_ID" | "STORAGE_SECRET_ACCESS_KEY" | "ORGDECK_DATA_DIR" | "DATA_DIR" | "SITE_URL"
>;

/** Both keys, or neither (the SDK's own chain then: environment, instance role…); the configuration checks the pair. */
function credentialsOf({ STORAGE_ACCESS_KEY_ID: accessKeyId, STORAGE_SECRET_ACCESS_KEY: secretAccessKey }: StorageSettings) {
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

/**
 * The storage STORAGE_URL names: unset, `<data folder>/storage` (memory when the data folder is `memory://`);
 * `file:///path`, that folder (one every instance shares); `s3://…`, the bucket. An invalid URL names the setting.
 */
export function storageFor(settings: StorageSettings): ObjectStorage {
  if (settings.STORAGE_URL === undefined) {
    if (settings.ORGDECK_DATA_DIR === "memory://") return memoryStorage(settings.SITE_URL);
    return folderStorage(path.join(settings.DATA_DIR, "storage"), settings.SITE_URL);
  }
  let location;
  try {
    location = parseStorageUrl(settings.STORAGE_URL);
  } catch (err) {
    throw new EnvError(`Invalid configuration: STORAGE_URL ${(err as Error).message}`);
  }
  if (location.kind === "folder") return folderStorage(location.root, settings.SITE_URL);
  return s3Storage({ ...location, credentials: credentialsOf(settings) });
}
