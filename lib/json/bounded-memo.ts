/**
 * A memo that forgets everything once its keys add up to more than a budget. The checker memoizes
 * by text (schema texts, contract ids) to do each piece of work once per process; a service that
 * checks uploads for weeks must not keep every text it was ever sent. Forgetting costs only
 * recomputation, never a different answer.
 *
 * @example
 * ```ts
 * const hashes = new BoundedMemo<string>(1_000_000); // up to a million UTF-16 code units of keys
 * hashes.set(text, hash);
 * hashes.get(text); // the hash, until the budget is exceeded and the memo starts afresh
 * ```
 */
export class BoundedMemo<V> {
  readonly #entries = new Map<string, V>();
  #used = 0;

  /** `budget`: the total length of the keys (UTF-16 code units, plus one per entry) kept at most. */
  constructor(private readonly budget: number) {}

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.#entries.has(key)) {
      this.#entries.set(key, value);
      return;
    }
    const cost = key.length + 1;
    if (this.#used + cost > this.budget) {
      this.#entries.clear();
      this.#used = 0;
    }
    this.#entries.set(key, value);
    this.#used += cost;
  }
}
