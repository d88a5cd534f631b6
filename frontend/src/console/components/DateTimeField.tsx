/** A labelled date and time to the second, in the reader's local time (a `datetime-local` input's value). */
export function DateTimeField({ label, value, onChange, testId }: { label: string; value: string; onChange: (value: string) => void; testId?: string }) {
  return (
    <label className="console-field">
      {label}
      <input type="datetime-local" step={1} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId} />
    </label>
  );
}
