// PDF bytes from the backend arrive as an ArrayBuffer (raw IPC response); the preview wants bytes.
export function pdfBytes(raw: ArrayBuffer | number[] | Uint8Array): Uint8Array {
  if (raw instanceof Uint8Array) return raw;
  return raw instanceof ArrayBuffer ? new Uint8Array(raw) : new Uint8Array(raw);
}
