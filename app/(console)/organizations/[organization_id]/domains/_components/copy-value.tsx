"use client";

import { CopyButton } from "@/components/ui/copy-button";

/** One value to hand to another system (a DNS record, an identity provider): its name, the value, and Copy. */
export function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="font-medium">{label}</dt>
      <dd className="mt-1 flex items-start gap-2">
        <code className="min-w-0 flex-1 rounded-md border border-line bg-subtle px-2 py-1 font-mono text-xs break-all">{value}</code>
        <CopyButton size="sm" value={value} what={label} />
      </dd>
    </div>
  );
}
