import { readFileSync } from 'node:fs';

/** Reads a file from this folder as bytes, as an upload would arrive. */
export function loadFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./${name}`, import.meta.url)));
}
