"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action";
import type { ErrorBody } from "@/lib/errors";
import { issueToError } from "@/lib/schemas/parse";
import { useToast } from "@/components/ui/toast";
import { plainMessage } from "./plain-message";

/** Field name (the error body's `attr`) to message; `form` holds a problem with no field. */
export type FieldErrors = Record<string, string>;

type Options<S extends z.ZodType, R> = {
  schema: S;
  action: (input: z.input<S>) => Promise<ActionResult<R>>;
  /** The toast after success. */
  success?: string;
  onSuccess?: (data: R) => void;
};

/** The control a field error belongs to, found by its name in the form. */
function controlOf(form: HTMLFormElement | null, attr: string | null) {
  const named = attr ? form?.elements.namedItem(attr) : null;
  if (!named) return null;
  const control = named instanceof RadioNodeList ? named[0] : named;
  return control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement ? control : null;
}

/** A field error in the form's words: the API's code read against the control's own label. */
function reword(form: HTMLFormElement | null, error: Pick<ErrorBody, "code" | "detail" | "attr">) {
  const control = controlOf(form, error.attr);
  const label = control?.labels?.[0]?.textContent ?? null;
  const choice = control instanceof HTMLSelectElement || control?.type === "checkbox" || control?.type === "radio";
  return plainMessage(error, label, choice);
}

/** Every problem the schema finds, one per field, in the form's words. */
function clientErrors(form: HTMLFormElement | null, schema: z.ZodType, input: unknown): FieldErrors | null {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return null;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const { body } = issueToError(issue as Parameters<typeof issueToError>[0]);
    errors[body.attr ?? "form"] ??= reword(form, body);
  }
  return errors;
}

/**
 * A form over a server action: validates with the operation's own zod schema first, then shows the server's error at
 * the field its `attr` names (or above the form), toasts on success, and focuses the first invalid field.
 */
export function useFormAction<S extends z.ZodType, R>({ schema, action, success, onSuccess }: Options<S, R>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const toast = useToast();

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  function showServerError(error: ErrorBody) {
    const named = error.attr && formRef.current?.elements.namedItem(error.attr);
    setErrors(named ? { [error.attr as string]: reword(formRef.current, error) } : { form: error.detail });
  }

  function submit(input: z.input<S>) {
    const invalid = clientErrors(formRef.current, schema, input);
    setErrors(invalid ?? {});
    if (invalid) return;
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        if (success) toast(success);
        onSuccess?.(result.data);
      } else {
        showServerError(result.error);
      }
    });
  }

  return { formRef, errors, pending, submit, reset: () => setErrors({}) };
}
