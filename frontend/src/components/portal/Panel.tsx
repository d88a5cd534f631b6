import type { ReactNode } from "react";

/** A titled section of a portal page: the heading labels the section for screen readers. */
export function Panel({ id, heading, lead, children }: { id: string; heading: ReactNode; lead?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {lead !== undefined && <p className="panel__lead">{lead}</p>}
      {children}
    </section>
  );
}
