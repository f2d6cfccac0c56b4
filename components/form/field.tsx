"use client";

import { useId } from "react";

const CONTROL =
  "block w-full rounded-md border border-line-strong bg-canvas px-2.5 text-sm text-fg placeholder:text-muted disabled:cursor-not-allowed disabled:bg-subtle disabled:text-muted aria-invalid:border-danger";

type Described = { hint?: React.ReactNode; error?: string };

/** Ids and attributes that tie a control to its hint and error, so screen readers read both. */
function useDescription(name: string, { hint, error }: Described) {
  const id = `${useId()}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const notes = (
    <>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-danger-text">
          {error}
        </p>
      )}
    </>
  );
  return { id, control: { "aria-describedby": describedBy, "aria-invalid": error ? true : undefined }, notes };
}

type TextFieldProps = Described & { label: string; name: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">;

/** A labelled text input with its hint and its error (from the client schema or the server's `attr`). */
export function TextField({ label, name, hint, error, className = "", ...input }: TextFieldProps) {
  const { id, control, notes } = useDescription(name, { hint, error });
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input id={id} name={name} className={`mt-1.5 h-8 ${CONTROL}`} {...control} {...input} />
      {notes}
    </div>
  );
}

type SelectFieldProps = Described & { label: string; name: string; options: { value: string; label: string; disabled?: boolean }[] } & Omit<
    React.SelectHTMLAttributes<HTMLSelectElement>,
    "name"
  >;

/** A labelled native select. */
export function SelectField({ label, name, hint, error, options, className = "", ...select }: SelectFieldProps) {
  const { id, control, notes } = useDescription(name, { hint, error });
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} name={name} className={`mt-1.5 h-8 ${CONTROL}`} {...control} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      {notes}
    </div>
  );
}

type TextAreaFieldProps = Described & { label: string; name: string } & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">;

/** A labelled multi-line text input. */
export function TextAreaField({ label, name, hint, error, className = "", rows = 3, ...textarea }: TextAreaFieldProps) {
  const { id, control, notes } = useDescription(name, { hint, error });
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea id={id} name={name} rows={rows} className={`mt-1.5 py-1.5 ${CONTROL}`} {...control} {...textarea} />
      {notes}
    </div>
  );
}

type CheckboxFieldProps = Described & { label: string; name: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type">;

/** A checkbox with its label on the right and what it does underneath. */
export function CheckboxField({ label, name, hint, error, ...input }: CheckboxFieldProps) {
  const { id, control, notes } = useDescription(name, { hint, error });
  return (
    <div className="flex gap-3">
      <input id={id} name={name} type="checkbox" className="mt-0.5 size-4 shrink-0 accent-accent" {...control} {...input} />
      <div>
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        {notes}
      </div>
    </div>
  );
}

/** A form-level problem (one with no field to point at). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-danger/40 bg-danger-bg px-3 py-2 text-danger-text">
      {message}
    </p>
  );
}
