/**
 * Keys are lower-case segments (`[a-z0-9_-]`) joined by `/`, the last one with an optional extension
 * (`legal_documents/<organization>/<id>.pdf`): no `.` or `..` segment, no absolute path, no backslash, no empty
 * segment, so nothing a caller passes can climb out of the storage folder or name another bucket's object.
 */
const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*(\.[a-z0-9]+)?$/;
const MAX_KEY_LENGTH = 512;

export function isStorageKey(key: string) {
  return key.length <= MAX_KEY_LENGTH && KEY.test(key);
}

export function checkKey(key: string) {
  if (!isStorageKey(key)) throw new Error(`Invalid storage key: ${key}`);
  return key;
}

const TYPES: Record<string, string> = { pdf: "application/pdf" };

/** The media type an object is served with, by its key's extension; anything unknown is opaque bytes. */
export function contentTypeOf(key: string) {
  const extension = /\.([a-z0-9]+)$/.exec(key)?.[1];
  return (extension && TYPES[extension]) || "application/octet-stream";
}

/** The file name a download gets when the link names none: the key's last segment. */
export function defaultFilename(key: string) {
  return key.slice(key.lastIndexOf("/") + 1);
}

/** A link's lifetime in whole seconds: at least one, at most a week (the most an S3 presigned URL allows). */
export function checkExpiresIn(seconds: number) {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 604800) throw new Error(`Invalid link lifetime: ${seconds}`);
  return seconds;
}

/** A download's file name: 1–255 characters, none of them a control character (it ends up in a header). */
export function checkFilename(filename: string) {
  if (!filename || filename.length > 255 || /[\u0000-\u001f\u007f]/.test(filename)) throw new Error("Invalid download file name");
  return filename;
}
