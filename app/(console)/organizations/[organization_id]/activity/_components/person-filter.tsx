"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { ListPage, Member, UserBasic } from "@/lib/query/types";
import { TextField } from "@/components/form/field";
import { displayName } from "@/components/shell/display-name";

const SUGGESTIONS = 8;
const DEBOUNCE_MS = 250;

type Props = {
  organizationId: string;
  /** The chosen person's UUID; "" for anyone. */
  value: string;
  /** The chosen person, when the page knows them (from a pick or from the entries shown). */
  known: UserBasic | null;
  onChange: (person: UserBasic | null) => void;
};

type Option = { key: string; label: string; email?: string; person: UserBasic | null };

const ANYONE: Option = { key: "anyone", label: "Anyone", person: null };

/**
 * "Person": a searchable list of every member of the organization (the members API, searched by name or email), typed
 * into and chosen with the arrow keys and Enter, or with the mouse. Escape closes it and keeps the choice.
 */
export function PersonFilter({ organizationId, value, known, onChange }: Props) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [active, setActive] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const members = useQuery({
    queryKey: [...queryKeys.members(organizationId), "person-filter", search],
    queryFn: () => apiGet<ListPage<Member>>(`/api/organizations/${organizationId}/members/`, { search, limit: SUGGESTIONS }),
    placeholderData: keepPreviousData,
    enabled: open,
  });
  const people: Option[] = (members.data?.results ?? []).map((m) => ({ key: m.user.uuid, label: displayName(m.user), email: m.user.email, person: m.user }));
  const options = search ? people : [ANYONE, ...people];
  const chosenName = value === "" ? "" : known ? displayName(known) : "The chosen person";

  function choose(option: Option) {
    onChange(option.person);
    setOpen(false);
    setText("");
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (options.length === 0 ? 0 : (i + step + options.length) % options.length));
    } else if (e.key === "Enter" && open && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
      setText("");
    }
  }

  const activeId = open && options[active] ? `${listId}-${options[active].key}` : undefined;
  const status = members.isError
    ? "The members could not be loaded."
    : members.isFetching && options.length <= 1
      ? "Searching…"
      : search && people.length === 0
        ? "Nobody matches."
        : null;

  return (
    <div className="relative">
      <TextField
        label="Person"
        name="person"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        placeholder={value === "" ? "Anyone" : chosenName}
        value={open ? text : chosenName}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => {
          setOpen(false);
          setText("");
        }}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        hint="Type a name or an email address."
      />
      <div hidden={!open} className="absolute inset-x-0 top-[3.75rem] z-20 rounded-md border border-line bg-surface py-1 shadow-lg">
        <ul id={listId} role="listbox" aria-label="People" className="max-h-72 overflow-y-auto">
          {options.map((option, i) => (
            <li
              key={option.key}
              id={`${listId}-${option.key}`}
              role="option"
              aria-selected={(option.person?.uuid ?? "") === value}
              // Choosing with the mouse must not blur the input first, or the list closes before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer px-2.5 py-1.5 ${i === active ? "bg-subtle" : ""}`}
            >
              <span className="block font-medium">{option.label}</span>
              {option.email && option.email !== option.label && <span className="block text-xs text-muted">{option.email}</span>}
            </li>
          ))}
        </ul>
        <p role="status" className="px-2.5 text-muted empty:hidden">
          {status}
        </p>
      </div>
    </div>
  );
}
