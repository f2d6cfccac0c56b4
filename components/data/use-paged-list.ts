"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import type { ListPage } from "@/lib/query/types";
import type { ListStatus } from "./data-table";
import type { PagerProps } from "./pager";

type Filters = Record<string, string>;
type Query = Record<string, string | number | undefined>;

type Options<T, F extends Filters> = {
  /** The section's query key; the filters and page are appended, so invalidating the section refreshes every page. */
  queryKey: readonly unknown[];
  /** The REST list (limit/offset pagination, or page/page_size when `numbered`). */
  path?: string;
  /** Loads a page another way (a server action, where there is no REST list), given the same query. */
  load?: (query: Query) => Promise<ListPage<T>>;
  /** The list is paged by number (`page`, `page_size`) instead of `limit` and `offset`. */
  numbered?: boolean;
  /** Every filter the URL may carry, with the value it has when absent. */
  defaults: F;
  /** The filter a search box edits: written to the URL a moment after typing stops, without a history entry each time. */
  searchParam?: keyof F & string;
  /** The API's query parameters for these filters, where they are not the same names and values. */
  toQuery?: (filters: F) => Query;
  pageSize?: number;
  /** While this holds for the loaded rows, the list refreshes itself this often (ms). */
  follow?: { while: (rows: unknown[]) => boolean; everyMs: number };
  /** Prefixes the URL parameters, for a second list on the same page. */
  urlPrefix?: string;
};

const DEBOUNCE_MS = 300;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * A paged REST list whose page, search and filters live in the URL: a reload, a shared link and the back and forward
 * buttons all show the same list. Filter and page changes are history entries; typing in the search box is not.
 */
export function usePagedList<T, F extends Filters>({ queryKey, path, load, numbered = false, defaults, searchParam, toQuery, pageSize = DEFAULT_PAGE_SIZE, follow, urlPrefix = "" }: Options<T, F>) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const param = (name: string) => params.get(urlPrefix + name);
  const filters = Object.fromEntries(Object.entries(defaults).map(([name, fallback]) => [name, param(name) ?? fallback])) as F;
  const page = Math.max(1, Number.parseInt(param("page") ?? "1", 10) || 1);
  const offset = (page - 1) * pageSize;

  function navigate(change: Record<string, string | null>, { history = true } = {}) {
    const next = new URLSearchParams(params.toString());
    for (const [name, value] of Object.entries(change)) {
      const key = urlPrefix + name;
      if (value === null || value === "" || value === defaults[name]) next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    const url = query ? `${pathname}?${query}` : pathname;
    if (history) router.push(url, { scroll: false });
    else router.replace(url, { scroll: false });
  }

  // The search box's text runs ahead of the URL while someone types; a URL change from elsewhere (back, a link) resets it.
  const urlSearch = searchParam ? filters[searchParam] : "";
  const [text, setText] = useState(urlSearch);
  const [seenSearch, setSeenSearch] = useState(urlSearch);
  if (urlSearch !== seenSearch) {
    setSeenSearch(urlSearch);
    if (urlSearch !== text.trim()) setText(urlSearch);
  }
  useEffect(() => {
    if (!searchParam || text.trim() === urlSearch) return;
    const timer = setTimeout(() => navigate({ [searchParam]: text.trim(), page: null }, { history: false }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // navigate reads the current URL; the timer restarts only when the text or the URL's search changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, urlSearch]);

  const apiQuery = { ...(toQuery ? toQuery(filters) : filters), ...(numbered ? { page, page_size: pageSize } : { limit: pageSize, offset }) };
  const query = useQuery({
    queryKey: [...queryKey, apiQuery],
    queryFn: () => (load ? load(apiQuery) : apiGet<ListPage<T>>(path ?? "", apiQuery)),
    placeholderData: keepPreviousData,
    refetchInterval: follow ? (q) => (follow.while(q.state.data?.results ?? []) ? follow.everyMs : false) : undefined,
  });
  const rows = query.data?.results ?? [];
  const filtered = Object.entries(defaults).some(([name, fallback]) => filters[name] !== fallback && name !== "order");

  /** The table's state; `empty` says what an empty page means with and without filters. */
  function status(empty: { none: Omit<Extract<ListStatus, { state: "empty" }>, "state">; noMatch?: Omit<Extract<ListStatus, { state: "empty" }>, "state"> }): ListStatus {
    if (query.isPending) return { state: "loading" };
    if (query.isError) return { state: "error", message: query.error.message };
    if (rows.length > 0) return { state: "ready" };
    if (page > 1) return { state: "empty", title: "Nothing on this page", body: "The list is shorter than it was.", action: undefined };
    return { state: "empty", ...(filtered && empty.noMatch ? empty.noMatch : empty.none) };
  }

  const pager: PagerProps | null =
    query.data && rows.length > 0
      ? {
          first: offset + 1,
          last: offset + rows.length,
          count: query.data.count,
          page,
          pages: Math.max(1, Math.ceil(query.data.count / pageSize)),
          onPage: (n) => navigate({ page: n > 1 ? String(n) : null }),
        }
      : null;

  return {
    filters,
    /** Sets filters and returns to the first page. */
    setFilters: (change: Partial<F>) => navigate({ ...(change as Record<string, string>), page: null }),
    clearFilters: () => {
      if (searchParam) setText("");
      navigate({ ...Object.fromEntries(Object.keys(defaults).filter((n) => n !== "order").map((n) => [n, null])), page: null });
    },
    filtered,
    search: { text, setText, typing: text.trim() !== urlSearch },
    page,
    goToPage: (n: number) => navigate({ page: n > 1 ? String(n) : null }),
    query,
    rows,
    status,
    pager,
  };
}
