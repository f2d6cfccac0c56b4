import type { Pagination } from "../schemas/common";

/**
 * One page of a list; the HTTP adapter turns it into `{count, next, previous, results}` with absolute next/previous
 * links: `limit`/`offset` links, or `page`/`page_size` ones for the few lists the reference pages by number.
 */
export class Page<T> {
  constructor(
    readonly results: T[],
    readonly count: number,
    readonly pagination: Pagination,
    readonly numbered = false,
  ) {}
}
