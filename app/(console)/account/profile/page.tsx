import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { loadMe } from "../../_lib/load";
import { ProfileForm } from "./_components/profile-form";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const me = await loadMe();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Profile" description="How you appear to the members of your organizations." />
      <ProfileForm me={me} />
    </div>
  );
}
