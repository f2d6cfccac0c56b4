"use server";

import { action } from "@/lib/actions/action";
import { createLegalDocument, deleteLegalDocument, resendLegalDocument } from "@/lib/services/legal-documents";

export const createLegalDocumentAction = action(createLegalDocument);
export const deleteLegalDocumentAction = action(deleteLegalDocument);
export const resendLegalDocumentAction = action(resendLegalDocument);
