/** The HTTP destination: rows POSTed as JSON batches with stable ids, signed the Standard Webhooks way when a secret is set. */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { checkDestination, outboundFetch, type OutboundResponse } from "../../outbound/outbound-fetch";
import { OutboundError, type OutboundReason } from "../../outbound/outbound-error";
import type { HostResolver } from "../../outbound/resolve-host";
import type { HttpDestinationConfig } from "../../schemas/batch-export-destinations";
import { webhookHeaders } from "../../crypto/standard-webhooks";
import { probeTcp } from "./network";
import { TextBuffer } from "./text-buffer";
import { DestinationError, errorMessage, runStep, throwIfAborted, type Destination, type ExportRunInput } from "./types";

const BATCH_ROWS = 1_000;
/** Waits before each retry of a failed batch: four attempts in all, about 7 s of waiting. */
const RETRY_DELAYS_MS = [500, 2_000, 4_500];
const TIMEOUT_MS = 30_000;

export type HttpOptions = { resolver?: HostResolver; batchRows?: number; retryDelaysMs?: readonly number[] };

/**
 * The id of batch `index` of one run: the same for every attempt at the same interval, so a receiver can drop repeats
 * (it is also the `webhook-id`).
 */
export function httpBatchId(exportId: string, intervalStart: Date, intervalEnd: Date, index: number): string {
  const digest = createHash("sha256").update(`${exportId}|${intervalStart.toISOString()}|${intervalEnd.toISOString()}|${index}`);
  return `batch_${digest.digest("hex").slice(0, 32)}`;
}

/** Statuses worth another attempt: the receiver was busy, timed out or failed, rather than refusing the batch. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/** Outbound failures another attempt may get past; a refused URL or address stays refused. */
const TRANSIENT: ReadonlySet<OutboundReason> = new Set(["dns", "timeout", "network", "bad_response"]);

/** An HTTP destination whose every request goes through the outbound helper. */
export function httpDestination(config: HttpDestinationConfig, options: HttpOptions = {}): Destination {
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;

  function post(id: string, body: string | Uint8Array): Promise<OutboundResponse> {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = config.secret ? webhookHeaders(config.secret, id, timestamp, body) : { "content-type": "application/json", "webhook-id": id };
    return outboundFetch(config.url, { method: "POST", headers, body, resolver: options.resolver, timeoutMs: TIMEOUT_MS, keepAlive: true });
  }

  /** Sends one batch until it is accepted; throws after the last retry or on a refusal no retry would change. */
  async function deliver(id: string, body: Uint8Array, signal?: AbortSignal): Promise<void> {
    let problem = "";
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      if (attempt > 0) await sleep(delays[attempt - 1], undefined, { signal }).catch(() => throwIfAborted(signal));
      throwIfAborted(signal);
      try {
        const response = await post(id, body);
        if (response.ok) return;
        problem = `${config.url} answered ${response.status}`;
        if (!retryable(response.status)) break;
      } catch (err) {
        problem = errorMessage(err);
        if (err instanceof OutboundError && !TRANSIENT.has(err.reason)) break;
      }
    }
    throw new DestinationError(`The batch ${id} was not accepted: ${problem}.`);
  }

  const steps = [
    {
      step: { name: "Reach the endpoint", description: "Resolve the URL's host and open a connection to it." },
      run: async () => {
        const checked = await checkDestination(config.url, { resolver: options.resolver }).catch((err: unknown) => {
          throw new DestinationError(errorMessage(err), { cause: err });
        });
        const port = Number(checked.url.port) || (checked.url.protocol === "https:" ? 443 : 80);
        await probeTcp(checked.host, port, checked.addresses);
      },
    },
    {
      step: {
        name: "Deliver a probe",
        description: "POST an empty batch marked as a test (signed when a secret is set); the endpoint must answer 2xx.",
      },
      run: async () => {
        const id = `test_${Date.now().toString(36)}`;
        const response = await post(id, JSON.stringify({ batch_id: id, test: true, rows: [] }));
        if (response.status === 401 || response.status === 403) {
          throw new DestinationError(`${config.url} refused the probe (${response.status}): check the secret.`);
        }
        if (!response.ok) throw new DestinationError(`${config.url} answered ${response.status} to the probe.`);
      },
    },
  ];

  return {
    testSteps: () => steps.map((s) => s.step),
    runTestStep: (index) => runStep(steps, index),
    async exportRun({ exportId, intervalStart, intervalEnd, rows, signal }: ExportRunInput) {
      const batchRows = options.batchRows ?? BATCH_ROWS;
      const count = { rows: 0, bytes: 0 };
      let index = 0;
      // One body buffer for every batch of the run: each row is serialized as it arrives, never kept as an object.
      const body = new TextBuffer();
      let batched = 0;
      let batchId = "";
      const open = () => {
        batchId = httpBatchId(exportId, intervalStart, intervalEnd, index);
        const head = JSON.stringify({ batch_id: batchId, export_id: exportId, interval_start: intervalStart.toISOString(), interval_end: intervalEnd.toISOString(), rows: [] });
        body.reset();
        // The same text JSON.stringify gives the whole batch: the head up to `"rows":[`, the rows, then `]}`.
        body.append(head.slice(0, -2));
      };
      const flush = async () => {
        body.append("]}");
        const bytes = body.bytes();
        await deliver(batchId, bytes, signal);
        count.rows += batched;
        count.bytes += bytes.length;
        index += 1;
        batched = 0;
      };
      try {
        for await (const row of rows) {
          throwIfAborted(signal);
          if (batched === 0) open();
          else body.append(",");
          body.append(JSON.stringify(row));
          batched += 1;
          if (batched >= batchRows) await flush();
        }
      } catch (err) {
        if (err instanceof DestinationError) throw err;
        throw new DestinationError(`Reading the rows failed: ${errorMessage(err)}`, { cause: err });
      }
      if (batched) await flush();
      return count;
    },
  };
}
