import { fileURLToPath } from "node:url";

/** Where STORAGE_URL puts stored objects: a folder on this machine, or an S3-compatible bucket. */
export type StorageLocation =
  | { kind: "folder"; root: string }
  | { kind: "s3"; bucket: string; endpoint: string | undefined; region: string; forcePathStyle: boolean };

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const S3_OPTIONS = new Set(["endpoint", "region", "force_path_style"]);

function parseS3(url: URL): StorageLocation {
  const bucket = url.hostname;
  if (!bucket) throw new Error("must name a bucket: s3://bucket?region=…");
  if (!BUCKET.test(bucket)) throw new Error(`names an invalid bucket "${bucket}" (3–63 lower-case letters, digits, dots or hyphens)`);
  if (url.port || url.username || url.password || !["", "/"].includes(url.pathname)) {
    throw new Error("must be s3://bucket followed only by ?endpoint=…&region=…&force_path_style=…");
  }
  for (const name of url.searchParams.keys()) {
    if (!S3_OPTIONS.has(name)) throw new Error(`has an unknown option "${name}" (endpoint, region and force_path_style are known)`);
  }
  const endpoint = url.searchParams.get("endpoint") ?? undefined;
  if (endpoint !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(endpoint);
    } catch {}
    if (!parsed || !["http:", "https:"].includes(parsed.protocol) || parsed.pathname !== "/" || parsed.search) {
      throw new Error(`has an invalid endpoint "${endpoint}" (an http:// or https:// origin)`);
    }
  }
  const region = url.searchParams.get("region") ?? "us-east-1";
  if (!/^[a-z0-9-]{1,64}$/.test(region)) throw new Error(`has an invalid region "${region}"`);
  const pathStyle = url.searchParams.get("force_path_style") ?? "false";
  if (pathStyle !== "true" && pathStyle !== "false") throw new Error("has force_path_style other than true or false");
  return { kind: "s3", bucket, endpoint, region, forcePathStyle: pathStyle === "true" };
}

/**
 * Reads STORAGE_URL: `file:///absolute/path` (a folder, which several instances may share) or
 * `s3://bucket?endpoint=https://…&region=…&force_path_style=true`. Throws a message naming what is wrong.
 */
export function parseStorageUrl(value: string): StorageLocation {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("must be an s3:// or file:// URL");
  }
  if (url.protocol === "s3:") return parseS3(url);
  if (url.protocol !== "file:") throw new Error("must be an s3:// or file:// URL");
  if (url.search || url.hash) throw new Error("must be a file:///absolute/path URL without a query");
  try {
    return { kind: "folder", root: fileURLToPath(url) };
  } catch {
    throw new Error("must be a file:///absolute/path URL on this machine");
  }
}

/** STORAGE_URL as the configuration checks it: unset, or a URL `parseStorageUrl` reads. */
export function checkStorageUrl(value: string | undefined) {
  if (value !== undefined) parseStorageUrl(value);
  return value;
}
