import type { ReactNode } from "react";

import { PortalStatus } from "../../components/portal/PortalStatus";

/** A portal page: the sources' status first (what is unavailable, how far the data trails), then the content. */
export function PortalPage({ title, lead, children, headingId = "page-heading" }: { title: ReactNode; lead?: ReactNode; children: ReactNode; headingId?: string }) {
  return (
    <div className="container page portal">
      <PortalStatus />
      <h1 id={headingId}>{title}</h1>
      {lead !== undefined && <p className="portal__lead">{lead}</p>}
      {children}
    </div>
  );
}
