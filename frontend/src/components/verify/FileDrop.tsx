/**
 * A file input that also takes a dropped file. The native input stays the control (keyboard and
 * screen-reader friendly, and what tests drive); it is drawn as a button in the page's language, since
 * the browser would label it in its own ("Choose File"), and the zone around it widens the drop target.
 */
import { type DragEvent, useEffect, useId, useRef, useState } from "react";
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
  const input = useRef<HTMLInputElement>(null);
  // When the page drops the file (removed, or a digest typed instead), the input forgets it too, so
  // choosing the same file again is seen as a change.
  useEffect(() => {
    if (file === undefined && input.current !== null) input.current.value = "";
  }, [file]);
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
      <p className="file-drop__label" id={`${id}-label`}>
        {label}
      </p>
      <p className="file-drop__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        ref={input}
        id={id}
        name={name}
        type="file"
        className="file-drop__input"
        accept={accept}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onFile(event.target.files?.[0])}
      />
      {/* The visible control for pointer users; the input above carries the name and the keyboard focus. */}
      <label htmlFor={id} className="file-drop__button" aria-hidden="true">
        {t("verify.chooseFile")}
      </label>
      {file !== undefined && (
        <p className="file-drop__chosen" role="status">
          {t("verify.fileChosen", {
            name: file.name,
            size: formatInteger(file.size, locale),
          })}{" "}
          <button
            type="button"
            className="file-drop__remove"
            aria-label={t("verify.removeFile", { name: file.name })}
            onClick={() => onFile(undefined)}
          >
            {t("verify.remove")}
          </button>
        </p>
      )}
    </div>
  );
}
