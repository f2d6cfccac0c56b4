"use client";

import { useId } from "react";
import { DIRECTORY_PERMISSIONS, type DirectoryPermission } from "@/lib/auth/directory-permissions";
import { DIRECTORY_PERMISSION_LABELS } from "./permission-words";

type Props = {
  legend: string;
  hint?: string;
  /** The form field the server's `attr` names, so its error lands here. */
  name: string;
  value: DirectoryPermission[];
  onChange: (value: DirectoryPermission[]) => void;
  /** The permissions that may be ticked; the others are shown disabled, with the reason in `lockedHint`. */
  grantable?: readonly DirectoryPermission[];
  lockedHint?: string;
  error?: string;
};

/** A checkbox per directory permission, with its words and its string; those the person cannot grant are disabled. */
export function PermissionChecklist({ legend, hint, name, value, onChange, grantable = DIRECTORY_PERMISSIONS, lockedHint, error }: Props) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const toggle = (permission: DirectoryPermission, on: boolean) =>
    onChange(DIRECTORY_PERMISSIONS.filter((p) => (p === permission ? on : value.includes(p))));
  const locked = DIRECTORY_PERMISSIONS.some((p) => !grantable.includes(p));
  return (
    <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend className="font-medium">{legend}</legend>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {hint}
          {locked && lockedHint ? ` ${lockedHint}` : ""}
        </p>
      )}
      <div className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
        {DIRECTORY_PERMISSIONS.map((permission) => (
          <label key={permission} className="flex items-start gap-2">
            <input
              type="checkbox"
              name={name}
              value={permission}
              className="mt-0.5 size-4 shrink-0 accent-accent"
              checked={value.includes(permission)}
              disabled={!grantable.includes(permission)}
              aria-invalid={error ? true : undefined}
              onChange={(e) => toggle(permission, e.target.checked)}
            />
            <span className="min-w-0">
              {DIRECTORY_PERMISSION_LABELS[permission]}
              <code className="block font-mono text-xs break-all text-muted">{permission}</code>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-danger-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}
