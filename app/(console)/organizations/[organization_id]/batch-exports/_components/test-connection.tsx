"use client";

import { useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import type { BatchExportModel } from "@/lib/schemas/batch-exports";
import type { DestinationType } from "@/lib/schemas/batch-export-destinations";
import { Button } from "@/components/ui/button";
import { runTestStepAction, runTestStepNewAction } from "../actions";

type Step = { name: string; description: string; state: "pending" | "running" | "passed" | "failed" | "skipped"; message?: string | null };

/** What the test runs against: the destination as the form holds it now, or why it cannot run yet. */
export type TestTarget = { destination: { type: DestinationType; config: Record<string, unknown> }; model: BatchExportModel } | { problem: string };

const STATE_WORDS: Record<Step["state"], string> = { pending: "Waiting", running: "Running…", passed: "Passed", failed: "Failed", skipped: "Skipped" };
const STATE_TONES: Record<Step["state"], string> = { pending: "text-muted", running: "text-accent-text", passed: "text-ok-text", failed: "text-danger-text", skipped: "text-muted" };

/**
 * "Test connection": asks the API for the destination's test steps, then runs them one after another against what the
 * form holds (merged over the stored settings and secrets when editing), showing each result as it arrives. A failed
 * step ends the test: the steps after it depend on it.
 */
export function TestConnection({ organizationId, exportId, target }: { organizationId: string; exportId?: string; target: () => TestTarget }) {
  const [steps, setSteps] = useState<Step[]>([]);
  const [summary, setSummary] = useState<string>("");
  const [running, setRunning] = useState(false);

  const update = (index: number, change: Partial<Step>) => setSteps((all) => all.map((s, i) => (i === index ? { ...s, ...change } : s)));

  async function run() {
    const chosen = target();
    if ("problem" in chosen) {
      setSteps([]);
      setSummary(chosen.problem);
      return;
    }
    setRunning(true);
    setSummary("Testing the connection…");
    try {
      const { steps: described } = await apiGet<{ steps: { name: string; description: string }[] }>(`/api/organizations/${organizationId}/batch_exports/test/`, { destination: chosen.destination.type });
      setSteps(described.map((s) => ({ ...s, state: "pending" })));
      for (let index = 0; index < described.length; index += 1) {
        update(index, { state: "running" });
        const input = { destination: chosen.destination, model: chosen.model, step: index };
        const result = exportId ? await runTestStepAction(organizationId, { id: exportId, ...input }) : await runTestStepNewAction(organizationId, input);
        if (!result.ok) {
          update(index, { state: "failed", message: result.error.detail });
          setSteps((all) => all.map((s, i) => (i > index ? { ...s, state: "skipped" } : s)));
          setSummary(`The test could not run: ${result.error.detail}`);
          return;
        }
        const passed = result.data.result.status === "Passed";
        update(index, { state: passed ? "passed" : "failed", message: result.data.result.message });
        if (!passed) {
          setSteps((all) => all.map((s, i) => (i > index ? { ...s, state: "skipped" } : s)));
          setSummary(`Step ${index + 1} of ${described.length} failed.`);
          return;
        }
      }
      setSummary(`All ${described.length} steps passed.`);
    } catch (err) {
      setSummary(`The test could not run: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setRunning(false);
    }
  }

  return (
    <section aria-labelledby="test-connection-heading" className="rounded-md border border-line bg-subtle/50 p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h3 id="test-connection-heading" className="font-semibold">
            Test connection
          </h3>
          <p className="mt-0.5 text-muted">Runs the destination&apos;s checks with the settings above, one after another, without saving them.</p>
        </div>
        <Button onClick={() => void run()} pending={running}>
          Test connection
        </Button>
      </div>
      <div aria-live="polite">
        {steps.length > 0 && (
          <ol aria-label="Test steps" className="mt-3 space-y-2">
            {steps.map((step, index) => (
              <li key={step.name} className="rounded border border-line bg-surface px-3 py-2">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">
                    {index + 1}. {step.name}
                  </span>
                  <span className={`text-xs font-medium ${STATE_TONES[step.state]}`}>{STATE_WORDS[step.state]}</span>
                </div>
                <p className="text-xs text-muted">{step.description}</p>
                {step.message && <p className={`mt-1 text-xs ${step.state === "failed" ? "text-danger-text" : "text-muted"}`}>{step.message}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
      <p role="status" className="mt-2 text-muted">
        {summary}
      </p>
    </section>
  );
}
