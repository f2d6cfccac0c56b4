"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InvitePeopleDialog, type InvitePeopleProps } from "./invite-people-dialog";

/** "Invite people" in a page header: opens the invitation dialog, and gives the focus back to itself when it closes. */
export function InvitePeopleButton(props: InvitePeopleProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        Invite people
      </Button>
      <InvitePeopleDialog open={open} onClose={() => setOpen(false)} {...props} />
    </>
  );
}
