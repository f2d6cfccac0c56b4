"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { z } from "zod";
import { LOGO_ACCEPT, LOGO_MAX_BYTES, LOGO_TOO_LARGE, mediaPath } from "@/lib/schemas/media";
import { FormPanel } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { OrganizationLogo } from "@/components/ui/organization-logo";
import { useToast } from "@/components/ui/toast";
import { removeOrganizationLogoAction, uploadOrganizationLogoAction } from "../logo-actions";

/** The browser's own check, before sending: a chosen file of at most 1 MB (its content is checked on the server). */
const chosenLogo = z.object({
  logo: z
    .custom<File>((value) => value instanceof File && value.size > 0, { message: "Choose an image file." })
    .refine((file) => file.size <= LOGO_MAX_BYTES, { message: LOGO_TOO_LARGE }),
});

type Props = { organization: { id: string; name: string; logo_media_id: string | null }; canEdit: boolean };

/** The organization's logo: shown in the console's sidebar, invitation emails and the invitation page; initials without one. */
export function LogoPanel({ organization, canEdit }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [removing, startRemoving] = useTransition();
  const form = useFormAction({
    schema: chosenLogo,
    action: ({ logo }) => {
      const data = new FormData();
      data.set("logo", logo);
      return uploadOrganizationLogoAction(organization.id, data);
    },
    success: "Logo updated.",
    onSuccess: () => {
      form.formRef.current?.reset();
      router.refresh();
    },
  });

  function remove() {
    startRemoving(async () => {
      const result = await removeOrganizationLogoAction(organization.id, {});
      if (!result.ok) return toast(result.error.detail, "error");
      toast("Logo removed.");
      router.refresh();
    });
  }

  const logo = organization.logo_media_id;
  return (
    <FormPanel
      title="Logo"
      description="Shown in the sidebar, the organization menu, invitation emails and the invitation page. Without a logo, the organization's initials are shown."
      readOnly={!canEdit}
      form={form}
      submitLabel="Upload logo"
      onSubmit={() => form.submit({ logo: (form.formRef.current?.elements.namedItem("logo") as HTMLInputElement | null)?.files?.[0] as File })}
    >
      <div className="flex items-center gap-4">
        <OrganizationLogo name={organization.name} src={logo ? mediaPath(logo) : null} size="lg" label={logo ? `${organization.name} logo` : `${organization.name} initials (no logo)`} />
        {canEdit && logo && (
          <Button size="sm" onClick={remove} pending={removing}>
            Remove logo
          </Button>
        )}
      </div>
      {canEdit && (
        <TextField
          label="Logo image"
          name="logo"
          type="file"
          accept={LOGO_ACCEPT}
          error={form.errors.logo}
          hint="PNG, JPEG, WebP or SVG, up to 1 MB. Pictures are scaled down to fit 256 × 256 pixels."
          className="[&_input]:h-auto [&_input]:py-1.5"
        />
      )}
    </FormPanel>
  );
}
