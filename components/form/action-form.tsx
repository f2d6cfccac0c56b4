"use client";

import { DialogActions } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { FormError } from "./field";
import type { FieldErrors } from "./use-form-action";

/** What `useFormAction` returns that the form's frame needs. */
type FormState = { formRef: React.RefObject<HTMLFormElement | null>; errors: FieldErrors; pending: boolean };

type Common = {
  form: FormState;
  /** Builds the input from the form's state and calls `submit` (the hook's). */
  onSubmit: () => void;
  submitLabel: string;
  /** Off, the submit button is disabled (nothing changed yet). */
  canSubmit?: boolean;
  submitVariant?: "primary" | "danger";
  children: React.ReactNode;
};

function FormFrame({ form: { formRef }, onSubmit, children }: Pick<Common, "form" | "onSubmit" | "children">) {
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/**
 * A form on a page: a titled panel, the form-level error above the fields, and the submit button in the footer (left
 * out where the viewer may not change anything). Validation, field errors and the success toast come from
 * `useFormAction`.
 */
export function FormPanel({ title, description, readOnly = false, form, onSubmit, submitLabel, canSubmit = true, submitVariant = "primary", children }: Common & { title: string; description?: React.ReactNode; readOnly?: boolean }) {
  return (
    <FormFrame form={form} onSubmit={onSubmit}>
      <Panel
        title={title}
        description={description}
        footer={
          !readOnly && (
            <Button type="submit" variant={submitVariant} pending={form.pending} disabled={!canSubmit}>
              {submitLabel}
            </Button>
          )
        }
      >
        <div className="space-y-4">
          <FormError message={form.errors.form} />
          {children}
        </div>
      </Panel>
    </FormFrame>
  );
}

/** A form inside a dialog: the form-level error, the fields, then Cancel and the submit button. */
export function DialogForm({ form, onSubmit, onCancel, submitLabel, canSubmit = true, submitVariant = "primary", children }: Common & { onCancel: () => void }) {
  return (
    <FormFrame form={form} onSubmit={onSubmit}>
      <div className="space-y-5">
        <FormError message={form.errors.form} />
        {children}
      </div>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant={submitVariant} pending={form.pending} disabled={!canSubmit}>
          {submitLabel}
        </Button>
      </DialogActions>
    </FormFrame>
  );
}
