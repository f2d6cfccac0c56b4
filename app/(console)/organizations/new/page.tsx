import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { loadMe } from "../../_lib/load";
import { CreateOrganizationForm } from "./_components/create-organization-form";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  const me = await loadMe();
  const first = me.organizations.length === 0;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader
        title={first ? "Create your first organization" : "New organization"}
        description={
          first
            ? "You are not a member of any organization yet. Create one for your team: you become its owner and can invite people and manage its settings."
            : "Create another organization. You become its owner, and it becomes your current organization."
        }
      />
      <CreateOrganizationForm />
    </div>
  );
}
