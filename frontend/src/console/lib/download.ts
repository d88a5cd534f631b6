/** Offers bytes or text to the user as a file download (a receipt, a salt backup, a zip of proofs). */
export function downloadFile(name: string, content: Uint8Array | string, type = "application/json") {
  const blob = new Blob([typeof content === "string" ? content : new Uint8Array(content)], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
