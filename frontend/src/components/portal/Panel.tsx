import type { ReactNode } from "react";

import { type FactSource, Source } from "./Source";

/** A titled section of a portal page: the heading labels the section, and says where its facts come from when they share one source. */
export function Panel({ id, heading, source, lead, children }: { id: string; heading: ReactNode; source?: FactSource; lead?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {heading}
        {source !== undefined && (
          <>
            {" "}
            <Source from={source} />
          </>
        )}
      </h2>
      {lead !== undefined && <p className="panel__lead">{lead}</p>}
      {children}
    </section>
  );
}

export interface Fact {
  key: string;
  label: ReactNode;
  value: ReactNode;
  /** `tabular` for plain counts (amounts bring their own). */
  className?: string;
}

/**
 * A record's key figures from the data service, first on its page: the section's heading is for screen
 * readers only (the page title already names the record).
 */
export function FactsPanel({ id, heading, facts, children }: { id: string; heading: ReactNode; facts: readonly Fact[]; children?: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id} className="visually-hidden">
        {heading}
      </h2>
      <p className="panel__sources">
        <Source from="service" />
      </p>
      <dl className="facts">
        {facts.map((fact) => (
          <div key={fact.key}>
            <dt>{fact.label}</dt>
            <dd className={fact.className}>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {children}
    </section>
  );
}
