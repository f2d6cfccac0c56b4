"use client";

import type { OrganizationSummary, PersonalApiKey } from "@/lib/query/types";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { describeScopes } from "./scopes";

type Props = {
  keys: PersonalApiKey[];
  organizations: OrganizationSummary[];
  onRoll: (key: PersonalApiKey) => void;
  onDelete: (key: PersonalApiKey) => void;
};

function organizationNames(ids: string[], organizations: OrganizationSummary[]) {
  if (ids.length === 0) return "All organizations";
  return ids.map((id) => organizations.find((o) => o.id === id)?.name ?? "An organization you left").join(", ");
}

/** The person's keys: what each can do, where, and when it was last used. */
export function KeyTable({ keys, organizations, onRoll, onDelete }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full text-left">
        <caption className="sr-only">Your personal API keys</caption>
        <thead className="border-b border-line text-xs text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Key</th>
            <th scope="col" className="px-4 py-2 font-medium">Scopes</th>
            <th scope="col" className="px-4 py-2 font-medium">Organizations</th>
            <th scope="col" className="px-4 py-2 font-medium">Last used</th>
            <th scope="col" className="px-4 py-2 font-medium">Created</th>
            <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {keys.map((key) => (
            <tr key={key.id}>
              <td className="px-4 py-2.5">
                <span className="block font-medium">{key.label}</span>
                <code className="text-xs text-muted">{key.mask_value}</code>
              </td>
              <td className="max-w-56 px-4 py-2.5">{describeScopes(key.scopes)}</td>
              <td className="px-4 py-2.5">{organizationNames(key.scoped_organizations, organizations)}</td>
              <td className="px-4 py-2.5 whitespace-nowrap"><Time iso={key.last_used_at} /></td>
              <td className="px-4 py-2.5 whitespace-nowrap"><Time iso={key.created_at} /></td>
              <td className="px-4 py-2.5">
                <div className="flex justify-end gap-1.5">
                  <Button size="sm" onClick={() => onRoll(key)}>
                    Roll<span className="sr-only"> {key.label}</span>
                  </Button>
                  <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => onDelete(key)}>
                    Delete<span className="sr-only"> {key.label}</span>
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
