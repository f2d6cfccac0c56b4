import type { S3Client } from "@aws-sdk/client-s3";
import { contentDisposition } from "../../format/content-disposition";
import { checkExpiresIn, checkFilename, checkKey, contentTypeOf } from "./keys";
import type { ObjectStorage } from "./types";

export type S3Settings = {
  bucket: string;
  /** An S3-compatible service's origin; unset, AWS's own endpoint for the region. */
  endpoint: string | undefined;
  region: string;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key` (most S3-compatible services want it). */
  forcePathStyle: boolean;
  /** Unset, the SDK's own chain (environment, instance role…). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

const isMissing = (err: unknown) => (err as { name?: string }).name === "NoSuchKey";

/**
 * Objects in an S3-compatible bucket, never public: downloads are presigned GET URLs (SigV4, signed with the
 * bucket's credentials). The SDK is loaded on first use, so an instance that stores elsewhere never pays for it.
 */
export function s3Storage(settings: S3Settings): ObjectStorage {
  const { bucket } = settings;
  let client: Promise<{ sdk: typeof import("@aws-sdk/client-s3"); client: S3Client }> | undefined;
  const connect = () =>
    (client ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: settings.endpoint,
        region: settings.region,
        forcePathStyle: settings.forcePathStyle,
        credentials: settings.credentials,
        // Checksums only where S3 demands them: the default streams aws-chunked bodies that some S3-compatible
        // servers store verbatim, chunk headers and all.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    })));
  return {
    async put(key, bytes, contentType) {
      const { sdk, client } = await connect();
      // A Buffer has a known length, so the body goes up in one piece rather than as a stream.
      const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const type = contentType ?? contentTypeOf(key);
      await client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: checkKey(key), Body: body, ContentType: type }));
    },
    async get(key) {
      const { sdk, client } = await connect();
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
        if (!object.Body) return null;
        return new Uint8Array(await object.Body.transformToByteArray());
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async delete(key) {
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
    },
    async presignGet(key, options) {
      const [{ sdk, client }, { getSignedUrl }] = await Promise.all([connect(), import("@aws-sdk/s3-request-presigner")]);
      const command = new sdk.GetObjectCommand({
        Bucket: bucket,
        Key: checkKey(key),
        ResponseContentDisposition: options.filename === undefined ? undefined : contentDisposition("attachment", checkFilename(options.filename)),
      });
      return getSignedUrl(client, command, { expiresIn: checkExpiresIn(options.expiresInSeconds), signingDate: options.now });
    },
  };
}
