"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import type { MemberFilters } from "@/lib/query/keys";

export const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;

/**
 * The member list's search, order and page, kept in the URL (shareable, and the back button works). The search box
 * updates the URL a moment after the person stops typing, and returns to the first page.
 */
export function useMemberFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const search = params.get("search") ?? "";
  const order = params.get("order") === "joined_at" ? "joined_at" : "-joined_at";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const [text, setText] = useState(search);

  function navigate(change: Record<string, string | null>) {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  useEffect(() => {
    if (text.trim() === search.trim()) return;
    const timer = setTimeout(() => navigate({ search: text.trim() || null, page: null }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // navigate reads the current URL; the timer restarts only when the text or the URL's search changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, search]);

  const filters: MemberFilters = { search: search.trim(), order, offset: (page - 1) * PAGE_SIZE };
  return {
    filters,
    text,
    setText,
    clearSearch: () => {
      setText("");
      navigate({ search: null, page: null });
    },
    toggleOrder: () => navigate({ order: order === "joined_at" ? null : "joined_at", page: null }),
    goToPage: (n: number) => navigate({ page: n > 1 ? String(n) : null }),
    page,
  };
}
