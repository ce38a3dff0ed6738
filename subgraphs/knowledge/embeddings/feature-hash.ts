/** 32-bit FNV-1a over UTF-16 code units: fast, dependency-free and identical in every process. */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: decorrelates the sign bit from the bucket bits of the same hash. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Signed feature hashing (Weinberger et al. 2009): a feature goes to bucket `h mod dims` with sign ±1,
 * so collisions cancel in expectation and inner products stay unbiased.
 */
export function hashFeature(feature: string, dimensions: number, seed?: number): { index: number; sign: 1 | -1 } {
  const h = seed === undefined ? fnv1a32(feature) : fmix32(fnv1a32(feature) ^ Math.imul(seed + 1, 0x9e3779b9));
  return { index: h % dimensions, sign: fmix32(h) & 1 ? -1 : 1 };
}
