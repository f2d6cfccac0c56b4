type PanelProps = {
  title: string;
  description?: React.ReactNode;
  tone?: "default" | "danger";
  footer?: React.ReactNode;
  children?: React.ReactNode;
};

/** A titled card that groups one part of a page (a form section, a list). */
export function Panel({ title, description, tone = "default", footer, children }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const border = tone === "danger" ? "border-danger/50" : "border-line";
  return (
    <section aria-labelledby={id} className={`rounded-lg border ${border} bg-surface`}>
      <div className="px-5 pt-4 pb-1">
        <h2 id={id} className={`text-sm font-semibold ${tone === "danger" ? "text-danger-text" : ""}`}>
          {title}
        </h2>
        {description && <p className="mt-1 text-muted">{description}</p>}
      </div>
      {children && <div className="px-5 py-4">{children}</div>}
      {footer && <div className="flex items-center justify-end gap-2 border-t border-line px-5 py-3">{footer}</div>}
    </section>
  );
}
