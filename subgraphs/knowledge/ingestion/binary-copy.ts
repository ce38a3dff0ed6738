/**
 * PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4), for the
 * few column types the chunks table has. Vectors travel as float4s instead of their ~10-characters-per-number text
 * form, which spares building, escaping, sending and parsing some 20 kB of text per chunk.
 */
const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // PGCOPY\n\377\r\n\0
const TEXT_OID = 25;
const encoder = new TextEncoder();

export class BinaryCopyWriter {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  constructor() {
    this.bytes.set(SIGNATURE, 0);
    this.length = SIGNATURE.length;
    this.int32(0); // flags: no OIDs
    this.int32(0); // header extension length
  }

  /** Starts a row of `fields` columns. */
  row(fields: number): this {
    this.int16(fields);
    return this;
  }

  text(value: string): this {
    const encoded = encoder.encode(value);
    this.int32(encoded.length);
    this.raw(encoded);
    return this;
  }

  nullableText(value: string | null): this {
    if (value !== null) return this.text(value);
    this.int32(-1);
    return this;
  }

  uuid(value: string): this {
    const hex = value.replaceAll('-', '');
    if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${value}`);
    this.int32(16);
    this.reserve(16);
    for (let i = 0; i < 16; i++) this.bytes[this.length + i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    this.length += 16;
    return this;
  }

  integer(value: number): this {
    this.int32(4);
    this.int32(value);
    return this;
  }

  /** A one-dimensional text[] (array_recv: dimensions, has-nulls flag, element type, then length and lower bound). */
  textArray(values: readonly string[]): this {
    const elements = values.map((value) => encoder.encode(value));
    const size = 12 + (elements.length ? 8 : 0) + elements.reduce((sum, element) => sum + 4 + element.length, 0);
    this.int32(size);
    this.int32(elements.length ? 1 : 0);
    this.int32(0);
    this.int32(TEXT_OID);
    if (elements.length) {
      this.int32(elements.length);
      this.int32(1);
    }
    for (const element of elements) {
      this.int32(element.length);
      this.raw(element);
    }
    return this;
  }

  /** pgvector's vector_recv: int16 dimensions, int16 unused, then big-endian float4s. */
  vector(values: ArrayLike<number>): this {
    this.int32(4 + values.length * 4);
    this.int16(values.length);
    this.int16(0);
    this.reserve(values.length * 4);
    for (let i = 0; i < values.length; i++) this.view.setFloat32(this.length + i * 4, values[i]!);
    this.length += values.length * 4;
    return this;
  }

  /** The finished COPY data (with its trailer); the writer must not be used afterwards. */
  finish(): Uint8Array {
    this.int16(-1);
    return this.bytes.subarray(0, this.length);
  }

  private int16(value: number): void {
    this.reserve(2);
    this.view.setInt16(this.length, value);
    this.length += 2;
  }

  private int32(value: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, value);
    this.length += 4;
  }

  private raw(value: Uint8Array): void {
    this.reserve(value.length);
    this.bytes.set(value, this.length);
    this.length += value.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}
