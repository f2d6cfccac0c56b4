/** The S3 destination: one gzip JSON Lines object per run, on AWS or any S3-compatible endpoint. */
import http from "node:http";
import https from "node:https";
import { DeleteObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { pinnedLookup } from "../../outbound/pinned-agents";
import type { HostResolver } from "../../outbound/resolve-host";
import type { S3DestinationConfig } from "../../schemas/batch-export-destinations";
import { gzipJsonLines, type StreamCount } from "./json-lines";
import { checkedAddresses, probeTcp } from "./network";
import { uploadStream } from "./s3-upload";
import { DestinationError, errorMessage, runStep, type Destination, type ExportRunInput } from "./types";

/** The smallest part S3 accepts; a run holds two parts: about 10 MiB of compressed rows at most. */
const PART_SIZE = 5 * 1024 * 1024;

export type S3Options = { resolver?: HostResolver; partSizeBytes?: number };

/** The object a run writes: `<prefix>/<export id>/<interval start ISO>.jsonl.gz`, the same on every retry. */
export function s3ObjectKey(prefix: string, exportId: string, intervalStart: Date): string {
  return [prefix, exportId, `${intervalStart.toISOString()}.jsonl.gz`].filter(Boolean).join("/");
}

/** The connection-test object, removed by the last step. */
const probeKey = (prefix: string) => [prefix, ".orgdeck-connection-test"].filter(Boolean).join("/");

/** Where the SDK will connect: the endpoint given, else AWS's virtual-hosted bucket name. */
function target(config: S3DestinationConfig): { url: URL; port: number } {
  const url = new URL(config.endpoint_url ?? `https://${config.bucket_name}.s3.${config.region}.amazonaws.com`);
  return { url, port: Number(url.port) || (url.protocol === "https:" ? 443 : 80) };
}

/** What an S3 error means to the admin: the status and the service's code, or the network failure. */
function describe(err: unknown, config: S3DestinationConfig): string {
  const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status === 403) return `The credentials were refused (403 ${e.name}): check the access key id, the secret and the bucket's permissions.`;
  if (status === 404) return `The bucket ${config.bucket_name} does not exist (404).`;
  if (status) return `S3 answered ${status} (${e.name}: ${e.message}).`;
  return `Could not reach ${target(config).url.host} (${e.code ?? errorMessage(err)}).`;
}

/** An S3 destination that connects only to the addresses its endpoint resolved to when checked. */
export function s3Destination(config: S3DestinationConfig, options: S3Options = {}): Destination {
  const { url, port } = target(config);

  async function withClient<T>(work: (client: S3Client) => Promise<T>): Promise<T> {
    const addresses = await checkedAddresses(url.href, options.resolver);
    const agentOptions = { keepAlive: true, lookup: pinnedLookup(url.hostname, addresses) };
    const agent = url.protocol === "https:" ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    const client = new S3Client({
      region: config.region,
      endpoint: config.endpoint_url ?? undefined,
      forcePathStyle: Boolean(config.endpoint_url),
      credentials: { accessKeyId: config.aws_access_key_id, secretAccessKey: config.aws_secret_access_key },
      // The SDK's default streamed checksums (aws-chunked bodies) are stored as-is by some S3-compatible servers.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { httpAgent: agent, httpsAgent: agent, connectionTimeout: 5_000, requestTimeout: 120_000 },
    });
    try {
      return await work(client);
    } finally {
      client.destroy();
      agent.destroy();
    }
  }

  const steps = [
    {
      step: { name: "Reach the endpoint", description: `Resolve ${url.host} and open a connection to it.` },
      run: async () => probeTcp(url.hostname, port, await checkedAddresses(url.href, options.resolver)),
    },
    {
      step: { name: "Authenticate", description: `Sign in with the access key and look up the bucket ${config.bucket_name}.` },
      run: () => withClient(async (client) => void (await client.send(new HeadBucketCommand({ Bucket: config.bucket_name })))),
    },
    {
      step: { name: "Write a probe", description: `Write the small object ${probeKey(config.prefix)} into the bucket.` },
      run: () =>
        withClient(async (client) => {
          await client.send(new PutObjectCommand({ Bucket: config.bucket_name, Key: probeKey(config.prefix), Body: "orgdeck connection test\n" }));
        }),
    },
    {
      step: { name: "Remove the probe", description: `Delete ${probeKey(config.prefix)} again.` },
      run: () => withClient(async (client) => void (await client.send(new DeleteObjectCommand({ Bucket: config.bucket_name, Key: probeKey(config.prefix) })))),
    },
  ];
  const explained = steps.map(({ step, run }) => ({
    step,
    run: () =>
      run().catch((err: unknown) => {
        throw err instanceof DestinationError ? err : new DestinationError(describe(err, config), { cause: err });
      }),
  }));

  return {
    testSteps: () => steps.map((s) => s.step),
    runTestStep: (index) => runStep(explained, index),
    async exportRun({ exportId, intervalStart, rows, signal }: ExportRunInput) {
      const count: StreamCount = { rows: 0, bytes: 0 };
      const key = s3ObjectKey(config.prefix, exportId, intervalStart);
      await withClient(async (client) => {
        const { body, closed } = gzipJsonLines(rows, count, signal);
        const target = { Bucket: config.bucket_name, Key: key, ContentType: "application/gzip" };
        try {
          await uploadStream(client, target, body, options.partSizeBytes ?? PART_SIZE, signal);
        } catch (err) {
          if (count.sourceError instanceof DestinationError) throw count.sourceError;
          if (count.sourceError) throw new DestinationError(`Reading the rows failed: ${errorMessage(count.sourceError)}`, { cause: count.sourceError });
          throw new DestinationError(`Writing s3://${config.bucket_name}/${key} failed: ${describe(err, config)}`, { cause: err });
        } finally {
          // A failed upload stops reading: closing the body closes the rows too (a database cursor, say).
          body.destroy();
          await closed;
        }
      });
      return { rows: count.rows, bytes: count.bytes };
    },
  };
}
