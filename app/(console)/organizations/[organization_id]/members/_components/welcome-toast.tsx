"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useToast } from "@/components/ui/toast";

/** Shows the welcome of someone who just joined, once, and takes its marker out of the URL (a reload shows it no more). */
export function WelcomeToast({ message }: { message: string }) {
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    toast(message);
    router.replace(pathname, { scroll: false });
  }, [message, pathname, router, toast]);
  return null;
}
