/**
 * A file input that also takes a dropped file. The native input stays the control (labelled, keyboard
 * and screen-reader friendly); the zone around it only widens the drop target.
 */
import { type DragEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { formatInteger } from "../../lib/format";
import { useLocale } from "./common";

export function FileDrop({
  label,
  hint,
  accept,
  file,
  onFile,
  name,
}: {
  label: string;
  hint: string;
  accept?: string;
  file: File | undefined;
  onFile: (file: File | undefined) => void;
  name: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped !== undefined) onFile(dropped);
  };
  return (
    <div
      className={`file-drop${dragging ? " file-drop--over" : ""}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <label htmlFor={id} className="file-drop__label">
        {label}
      </label>
      <p className="file-drop__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onFile(event.target.files?.[0])}
      />
      {file !== undefined && (
        <p className="file-drop__chosen" aria-live="polite">
          {t("verify.fileChosen", { name: file.name, size: formatInteger(file.size, locale) })}
        </p>
      )}
    </div>
  );
}
