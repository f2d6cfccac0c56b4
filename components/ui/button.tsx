import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";
type Size = "sm" | "md";

const BASE =
  "inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-55";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-accent text-on-accent hover:bg-accent-hover",
  secondary: "border border-line-strong bg-surface text-fg hover:bg-subtle",
  danger: "bg-danger text-on-accent hover:bg-danger-hover",
  ghost: "text-fg hover:bg-subtle",
};

const SIZES: Record<Size, string> = { sm: "h-7 px-2.5 text-xs", md: "h-8 px-3 text-sm" };

/** The classes of a button, for links that look like one. */
export function buttonClass(variant: Variant = "secondary", size: Size = "md", extra = "") {
  return `${BASE} ${VARIANTS[variant]} ${SIZES[size]} ${extra}`;
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: Size; pending?: boolean };

/** The one button: a variant, a size, and a pending state that disables it while its work runs. */
export function Button({ variant = "secondary", size = "md", pending = false, className = "", type = "button", disabled, children, ...rest }: ButtonProps) {
  return (
    <button type={type} disabled={disabled || pending} aria-busy={pending || undefined} className={buttonClass(variant, size, className)} {...rest}>
      {children}
    </button>
  );
}
