"use server";

import { action } from "@/lib/actions/action";
import { bulkCreateInvites, createInvite, delegateInvite, deleteInvite, findPendingInvites, getInviteLink, resendInvite } from "@/lib/services/invites";

export const createInviteAction = action(createInvite);
export const bulkCreateInvitesAction = action(bulkCreateInvites);
export const delegateInviteAction = action(delegateInvite);
export const deleteInviteAction = action(deleteInvite);
export const resendInviteAction = action(resendInvite);
export const getInviteLinkAction = action(getInviteLink);
export const findPendingInvitesAction = action(findPendingInvites);
