import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client";

type Runnable<P, R> = { execute(placeholders: P): Promise<R> };

const cache = new WeakMap<object, Map<string, Runnable<never, unknown>>>();

/**
 * A query on the request path (authentication, the organization of the URL), built and prepared once per database
 * handle: each request then skips drizzle's SQL building. Inside a transaction it is built afresh on that transaction.
 */
export function hotQuery<P, R>(executor: Executor, name: string, build: (e: Executor) => Runnable<P, R>): Runnable<P, R> {
  if (executor instanceof PgTransaction) return build(executor);
  let byName = cache.get(executor);
  if (!byName) cache.set(executor, (byName = new Map()));
  let query = byName.get(name) as Runnable<P, R> | undefined;
  if (!query) byName.set(name, (query = build(executor) as Runnable<never, unknown> as Runnable<P, R>));
  return query;
}
