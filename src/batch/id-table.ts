/**
 * The ids seen so far in the first pass, each as 96 bits of its SHA-256 with the line it was
 * first on: 16 bytes a slot in one typed array (an open-addressing hash table, at most half
 * full), instead of a Map of base64 strings (about 100 bytes an id in V8 objects, 10 MB more at
 * 100,000 ids, and work for the garbage collector). The digest's bits are already uniform, so
 * its first word is the hash.
 */
const WORDS = 4;
const FIRST_CAPACITY = 1024;

export class IdTable {
  #slots = new Uint32Array(FIRST_CAPACITY * WORDS);
  #capacity = FIRST_CAPACITY;
  #size = 0;

  /** The line the id was first on, or undefined after recording `line` as its first. */
  firstLine(digest: Buffer, line: number): number | undefined {
    if (line < 1) throw new RangeError('line numbers start at 1');
    const a = digest.readUInt32BE(0);
    const b = digest.readUInt32BE(4);
    const c = digest.readUInt32BE(8);
    const at = this.#find(a, b, c);
    const slots = this.#slots;
    if (slots[at + 3] !== 0) return slots[at + 3];
    slots[at] = a;
    slots[at + 1] = b;
    slots[at + 2] = c;
    slots[at + 3] = line;
    this.#size += 1;
    if (this.#size * 2 > this.#capacity) this.#grow();
    return undefined;
  }

  /** The slot (word offset) that holds the key, or the empty one where it goes. */
  #find(a: number, b: number, c: number): number {
    const mask = this.#capacity - 1;
    const slots = this.#slots;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const at = slot * WORDS;
      if (slots[at + 3] === 0) return at;
      if (slots[at] === a && slots[at + 1] === b && slots[at + 2] === c) return at;
    }
  }

  #grow(): void {
    const old = this.#slots;
    this.#capacity *= 2;
    this.#slots = new Uint32Array(this.#capacity * WORDS);
    for (let at = 0; at < old.length; at += WORDS) {
      if (old[at + 3] === 0) continue;
      const to = this.#find(old[at]!, old[at + 1]!, old[at + 2]!);
      this.#slots.set(old.subarray(at, at + WORDS), to);
    }
  }
}
