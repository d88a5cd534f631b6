import type { ReactNode } from "react";

/**
 * A message box. "alert" notices (the chain is unreachable) are announced by screen readers when they
 * appear; "info" ones are read in the page's order.
 */
export function Notice({ kind, title, children }: { kind: "alert" | "warning" | "info"; title: string; children: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === "info" ? undefined : "alert"}>
      <p className="notice__title">{title}</p>
      <div className="notice__body">{children}</div>
    </div>
  );
}
