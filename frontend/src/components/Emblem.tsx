/** The platform's mark: a seal of linked blocks (decorative; the platform name next to it is the label). */
export function Emblem({ size = 44 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false" className="emblem">
      <circle cx="24" cy="24" r="22" fill="#c8102e" />
      <circle cx="24" cy="24" r="18.5" fill="none" stroke="#f6c244" strokeWidth="1.5" />
      <g fill="#f6c244">
        <rect x="14" y="14" width="8" height="8" rx="1.5" />
        <rect x="26" y="14" width="8" height="8" rx="1.5" />
        <rect x="14" y="26" width="8" height="8" rx="1.5" />
        <rect x="26" y="26" width="8" height="8" rx="1.5" />
      </g>
      <g stroke="#f6c244" strokeWidth="2">
        <line x1="22" y1="18" x2="26" y2="18" />
        <line x1="18" y1="22" x2="18" y2="26" />
        <line x1="30" y1="22" x2="30" y2="26" />
        <line x1="22" y1="30" x2="26" y2="30" />
      </g>
    </svg>
  );
}
