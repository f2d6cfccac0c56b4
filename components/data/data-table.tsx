"use client";

import { ListState, type ListStatus } from "./list-state";

/** Columns narrower screens drop, from this width up. */
type Breakpoint = "sm" | "md" | "lg";
const SHOWN_FROM: Record<Breakpoint, string> = { sm: "hidden sm:table-cell", md: "hidden md:table-cell", lg: "hidden lg:table-cell" };

export type Column<T> = {
  id: string;
  header: string;
  cell: (row: T) => React.ReactNode;
  from?: Breakpoint;
  /** Keeps the cell on one line (dates, short values). */
  nowrap?: boolean;
  /** Sortable: the list's `order` value for ascending; descending is the same with a leading "-". */
  sortKey?: string;
};

export type Sort = { order: string; onOrder: (order: string) => void };

export type { ListStatus };

type Props<T> = {
  /** Read by screen readers as the table's name ("Members of Acme"). */
  caption: string;
  /** The thing listed, plural ("members"): "Loading members", "The members could not be loaded". */
  noun: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  status: ListStatus;
  /** The buttons at the end of a row. */
  actions?: (row: T) => React.ReactNode;
  sort?: Sort;
  /** A refetch or a mutation is running. */
  busy?: boolean;
};

function SortHeader({ column, sort }: { column: Column<unknown> & { sortKey: string }; sort: Sort }) {
  const ascending = sort.order === column.sortKey;
  const descending = sort.order === `-${column.sortKey}`;
  const next = descending ? column.sortKey : `-${column.sortKey}`;
  return (
    <button type="button" onClick={() => sort.onOrder(next)} className="-mx-1 rounded px-1 font-medium hover:text-fg">
      {column.header} <span aria-hidden="true">{ascending ? "↑" : descending ? "↓" : "↕"}</span>
    </button>
  );
}

/**
 * The console's one table: a header with sortable columns, rows with their actions at the end, and the loading,
 * failed and empty states in its place. Columns given `from` appear from that screen width on.
 */
export function DataTable<T>({ caption, noun, columns, rows, rowKey, status, actions, sort, busy = false }: Props<T>) {
  if (status.state !== "ready") return <ListState status={status} noun={noun} />;
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table aria-busy={busy} className="w-full text-left">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-line text-xs text-muted">
          <tr>
            {columns.map((column) => {
              const sorted = sort && column.sortKey ? (sort.order === column.sortKey ? "ascending" : sort.order === `-${column.sortKey}` ? "descending" : undefined) : undefined;
              return (
                <th key={column.id} scope="col" aria-sort={sorted} className={`px-4 py-2 font-medium whitespace-nowrap ${column.from ? SHOWN_FROM[column.from] : ""}`}>
                  {sort && column.sortKey ? <SortHeader column={column as Column<unknown> & { sortKey: string }} sort={sort} /> : column.header}
                </th>
              );
            })}
            {actions && (
              <th scope="col" className="px-4 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.id} className={`px-4 py-2.5 ${column.from ? SHOWN_FROM[column.from] : ""} ${column.nowrap ? "whitespace-nowrap" : ""}`}>
                  {column.cell(row)}
                </td>
              ))}
              {actions && (
                <td className="px-4 py-2.5">
                  <div className="flex justify-end gap-1.5 whitespace-nowrap">{actions(row)}</div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
