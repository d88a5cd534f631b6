/**
 * Reads the QR code in a photo or screenshot, in the browser: the image is drawn on a canvas and
 * decoded by @paulmillr/qr, loaded only now (it stays out of the public entry). Nothing is uploaded.
 */

/** Phone photos are large; the decoder needs far fewer pixels than that to find a code. */
const MAX_SIDE = 1600;

/** The text the code carries, or why there is none. */
export async function readQrCode(image: Blob): Promise<string | "unreadableImage" | "noCode"> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch {
    return "unreadableImage";
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d");
  if (context === null) return "unreadableImage";
  // A white background: a transparent PNG's code would otherwise read as black on black.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const pixels = context.getImageData(0, 0, width, height);
  const { decodeQR } = await import("@paulmillr/qr/decode.js");
  try {
    return decodeQR({ width, height, data: pixels.data });
  } catch {
    return "noCode";
  }
}
