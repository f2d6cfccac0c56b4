"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { BATCH_EXPORT_INTERVALS, BATCH_EXPORT_MODELS, type BatchExportInterval, type BatchExportModel } from "@/lib/schemas/batch-exports";
import { DESTINATION_TYPES, type DestinationType } from "@/lib/schemas/batch-export-destinations";
import type { BatchExport } from "@/lib/query/types";
import { FormPanel } from "@/components/form/action-form";
import { CheckboxField, SelectField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { createBatchExportAction, updateBatchExportAction } from "../actions";
import { DestinationFields } from "./destination-fields";
import { configOf, filtersOf, filterValuesOf, valuesOf, type DestinationValues, type FilterValues } from "./export-values";
import { editExportSchema, fromLocalInput, localInput, newExportSchema } from "./export-schemas";
import { ADMINS_ONLY, DESTINATION_LABELS, INTERVAL_LABELS, MODEL_HINTS, MODEL_LABELS } from "./export-words";
import { FilterFields } from "./filter-fields";
import { TestConnection, type TestTarget } from "./test-connection";
import { useBatchExportsRefresh } from "./use-batch-exports-refresh";

/** What the form sends: a whole definition (with `paused` when creating). */
type Definition = {
  name: string;
  model: BatchExportModel;
  interval: BatchExportInterval;
  start_at: string | null;
  end_at: string | null;
  filters: ReturnType<typeof filtersOf>;
  destination: { type: DestinationType; config: Record<string, unknown> };
  paused?: boolean;
  id?: string;
};

type Props = { organizationId: string; saved?: BatchExport; canEdit: boolean };

/**
 * An export's definition: what to send, how often, which rows, and where (one settings form per destination type,
 * with a connection test). Creates a new export, or edits `saved`, whose secrets stay stored unless replaced.
 */
export function ExportForm({ organizationId, saved, canEdit }: Props) {
  const router = useRouter();
  const refresh = useBatchExportsRefresh(organizationId);
  const [name, setName] = useState(saved?.name ?? "");
  const [model, setModel] = useState<BatchExportModel>(saved?.model ?? "events");
  const [every, setEvery] = useState<BatchExportInterval>(saved?.interval ?? "hour");
  const [startAt, setStartAt] = useState(localInput(saved?.start_at));
  const [endAt, setEndAt] = useState(localInput(saved?.end_at));
  const [paused, setPaused] = useState(false);
  const [filters, setFilters] = useState<FilterValues>(filterValuesOf(saved?.filters));
  const [type, setType] = useState<DestinationType>(saved?.destination.type ?? "HTTP");
  const [destinations, setDestinations] = useState<Partial<Record<DestinationType, DestinationValues>>>(saved ? { [saved.destination.type]: valuesOf(saved.destination.config) } : {});
  const values = destinations[type] ?? {};
  const secretsStored = saved?.destination.type === type;
  const destination = () => ({ type, config: configOf(type, values, secretsStored) });

  const form = useFormAction({
    // Both schemas check the form's one shape of definition; the destination's config is typed by its `type` at run time.
    schema: (saved ? editExportSchema : newExportSchema) as unknown as z.ZodType<unknown, Definition>,
    action: (input) => (saved ? updateBatchExportAction(organizationId, { ...input, id: saved.id }) : createBatchExportAction(organizationId, input)),
    success: saved ? "Batch export saved." : "Batch export created.",
    onSuccess: (exp) => (saved ? refresh() : router.push(`/organizations/${organizationId}/batch-exports/${exp.id}`)),
  });

  function submit() {
    const definition: Definition = { name: name.trim(), model, interval: every, start_at: fromLocalInput(startAt), end_at: fromLocalInput(endAt), filters: filtersOf(model, filters), destination: destination() };
    form.submit(saved ? { id: saved.id, ...definition } : { ...definition, paused });
  }

  function target(): TestTarget {
    const checked = (saved ? editExportSchema : newExportSchema).shape.destination.safeParse(destination());
    if (!checked.success) return { problem: "Fill in the destination's settings first: some are missing or not valid. Save shows which." };
    return { destination: destination(), model };
  }

  const disabled = !canEdit;
  return (
    <FormPanel
      title={saved ? "Settings" : "Definition"}
      description={canEdit ? undefined : ADMINS_ONLY}
      form={form}
      readOnly={disabled}
      submitLabel={saved ? "Save changes" : "Create batch export"}
      onSubmit={submit}
    >
      <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} disabled={disabled} maxLength={255} autoComplete="off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Data"
          name="model"
          value={model}
          onChange={(e) => setModel(e.target.value as BatchExportModel)}
          options={BATCH_EXPORT_MODELS.map((m) => ({ value: m, label: MODEL_LABELS[m] }))}
          hint={MODEL_HINTS[model]}
          error={form.errors.model}
          disabled={disabled}
        />
        <SelectField
          label="Interval"
          name="interval"
          value={every}
          onChange={(e) => setEvery(e.target.value as BatchExportInterval)}
          options={BATCH_EXPORT_INTERVALS.map((i) => ({ value: i, label: INTERVAL_LABELS[i] }))}
          hint="Each run exports the rows of one interval once it has ended."
          error={form.errors.interval}
          disabled={disabled}
        />
        <TextField label="Start (optional)" name="start_at" type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} hint="No interval ending before this is exported." error={form.errors.start_at} disabled={disabled} />
        <TextField label="End (optional)" name="end_at" type="datetime-local" value={endAt} onChange={(e) => setEndAt(e.target.value)} hint="No interval starting after this is exported." error={form.errors.end_at} disabled={disabled} />
      </div>
      <fieldset className="space-y-3 border-t border-line pt-4">
        <legend className="sr-only">Filters</legend>
        <p aria-hidden="true" className="font-semibold">
          Filters
        </p>
        <FilterFields model={model} values={filters} onChange={setFilters} errors={form.errors} disabled={disabled} />
      </fieldset>
      <fieldset className="space-y-4 border-t border-line pt-4">
        <legend className="sr-only">Destination</legend>
        <p aria-hidden="true" className="font-semibold">
          Destination
        </p>
        <SelectField
          label="Destination type"
          name="destination__type"
          value={type}
          onChange={(e) => setType(e.target.value as DestinationType)}
          options={DESTINATION_TYPES.map((t) => ({ value: t, label: DESTINATION_LABELS[t] }))}
          error={form.errors.destination__type}
          disabled={disabled}
        />
        <DestinationFields
          type={type}
          values={values}
          onChange={(key, value) => setDestinations((all) => ({ ...all, [type]: { ...all[type], [key]: value } }))}
          errors={form.errors}
          secretsStored={secretsStored}
          disabled={disabled}
        />
        {canEdit && <TestConnection organizationId={organizationId} exportId={saved?.id} target={target} />}
      </fieldset>
      {!saved && <CheckboxField label="Create it paused" name="paused" checked={paused} onChange={(e) => setPaused(e.target.checked)} hint="Nothing is exported until it is resumed." />}
    </FormPanel>
  );
}
