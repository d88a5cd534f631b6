import encodeQR from "@paulmillr/qr";
import { decodeQR } from "@paulmillr/qr/decode.js";
import { describe, expect, it } from "vitest";

import { decodeAnyOrientation, quarterTurn, type Pixels } from "./qrImage";

/** A code drawn as a generator draws it: black modules `scale` pixels wide on white, with a quiet zone. */
function drawn(text: string, scale = 6): Pixels {
  const modules = encodeQR(text, "raw", { border: 2 });
  const side = modules.length * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (modules[Math.floor(y / scale)][Math.floor(x / scale)]) data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return { width: side, height: side, data };
}

describe("reading a QR code from pixels", () => {
  it("turns an image a quarter turn clockwise, four turns giving it back", () => {
    // 3 wide, 2 high: pixel values 1..6 in the red channel.
    const image: Pixels = { width: 3, height: 2, data: new Uint8ClampedArray([1, 2, 3, 4, 5, 6].flatMap((v) => [v, 0, 0, 255])) };
    const turned = quarterTurn(image);
    expect([turned.width, turned.height]).toEqual([2, 3]);
    expect(Array.from(turned.data).filter((_, i) => i % 4 === 0)).toEqual([4, 1, 5, 2, 6, 3]);
    expect(quarterTurn(quarterTurn(quarterTurn(turned)))).toEqual(image);
  });

  it("reads a licence link the decoder cannot read upright (its finder misplaces the corners)", () => {
    // A link from a CI run whose revoked licence was number 9: the upright decode throws in @paulmillr/qr 0.3.
    const link = "http://127.0.0.1:42297/verify/licence/9";
    expect(decodeAnyOrientation(drawn(link), decodeQR)).toBe(link);
  });

  it("reads every licence link of a sweep of ports and ids", () => {
    const unread: string[] = [];
    for (const port of [5173, 36000, 41000, 42297, 45001]) {
      for (let id = 1; id <= 40; id++) {
        const link = `http://127.0.0.1:${port}/verify/licence/${id}`;
        if (decodeAnyOrientation(drawn(link), decodeQR) !== link) unread.push(link);
      }
    }
    expect(unread).toEqual([]);
  });

  it("says there is no code in a blank image, after trying every orientation", () => {
    let tries = 0;
    const blank: Pixels = { width: 60, height: 40, data: new Uint8ClampedArray(60 * 40 * 4).fill(255) };
    const result = decodeAnyOrientation(blank, (image) => {
      tries++;
      return decodeQR(image);
    });
    expect(result).toBeUndefined();
    expect(tries).toBe(4);
  });
});
