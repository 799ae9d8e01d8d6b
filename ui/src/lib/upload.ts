// A picked file as the backend takes it: name and base64 bytes (the store reads its kind from them).
import type { UploadForm } from "./bindings/UploadForm";

export async function upload(file: File): Promise<UploadForm> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { fileName: file.name, base64: btoa(binary) };
}
