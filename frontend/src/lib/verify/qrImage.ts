/**
 * Reads the QR code in a photo or screenshot, in the browser: the image is drawn on a canvas and
 * decoded by @paulmillr/qr, loaded only now (it stays out of the public entry). Nothing is uploaded.
 */

/** Phone photos are large; the decoder needs far fewer pixels than that to find a code. */
const MAX_SIDE = 1600;

/** RGBA pixels, as a canvas's getImageData gives them. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** The same pixels turned a quarter turn clockwise. */
export function quarterTurn(image: Pixels): Pixels {
  const { width, height, data } = image;
  const turned = new Uint8ClampedArray(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // (x, y) lands at column height-1-y, row x of a height-wide image.
      const from = (y * width + x) * 4;
      const to = (x * height + (height - 1 - y)) * 4;
      turned[to] = data[from];
      turned[to + 1] = data[from + 1];
      turned[to + 2] = data[from + 2];
      turned[to + 3] = data[from + 3];
    }
  }
  return { width: height, height: width, data: turned };
}

/**
 * The text of the code in `image`, tried in its four orientations: @paulmillr/qr's finder misplaces the
 * corners of about one perfectly drawn code in a hundred (a data pattern that reads as a finder, and the
 * decoder throws), which a turned copy of the same code does not do. A code is read the same whichever
 * way up it is, so the first orientation that decodes gives the answer; undefined if none does.
 */
export function decodeAnyOrientation(image: Pixels, decode: (image: Pixels) => string): string | undefined {
  let current = image;
  for (let turn = 0; turn < 4; turn++) {
    try {
      return decode(current);
    } catch {
      if (turn < 3) current = quarterTurn(current);
    }
  }
  return undefined;
}

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
  return decodeAnyOrientation(pixels, decodeQR) ?? "noCode";
}
