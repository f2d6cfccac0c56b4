import type { Pagination } from "../schemas/common";

/** One page of a list; the HTTP adapter turns it into `{count, next, previous, results}` (api-behavior §1.5). */
export class Page<T> {
  constructor(
    readonly results: T[],
    readonly count: number,
    readonly pagination: Pagination,
  ) {}
}
