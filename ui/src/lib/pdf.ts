// PDF bytes from the backend arrive as a number array; the preview wants a Uint8Array.
export function pdfBytes(raw: number[] | Uint8Array): Uint8Array {
  return raw instanceof Uint8Array ? raw : new Uint8Array(raw);
}
