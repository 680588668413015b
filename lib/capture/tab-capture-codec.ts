/**
 * Runtime messaging between the offscreen document, the background and a content script is
 * JSON: a Float32Array would arrive as an object with one key per value (≈ 10× the bytes). A
 * batch of frames travels as the base64 of its little-endian float32 bytes instead, exact and
 * about a third larger than the raw data.
 */
import { FRAME_BINS } from '../messaging/frames';

/** Encodes frame values (count × FRAME_BINS dB) as base64 of little-endian float32. */
export function encodeFrames(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Decodes `count` frames; null when the text is not base64 or does not hold exactly
 * count × FRAME_BINS values (a corrupted or forged batch is dropped whole, never half-used).
 */
export function decodeFrames(base64: string, count: number): Float32Array | null {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return null;
  }
  if (binary.length !== count * FRAME_BINS * 4) return null;
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(count * FRAME_BINS);
  for (let i = 0; i < out.length; i++) {
    const v = view.getFloat32(i * 4, true);
    // The extractor's frames hold finite dB values or −Infinity for digital silence; NaN or +∞ is not a frame.
    if (Number.isNaN(v) || v === Infinity) return null;
    out[i] = v;
  }
  return out;
}
