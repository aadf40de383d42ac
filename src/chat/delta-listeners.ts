import type {DeltaListener} from './chat-controller.js';

/** Who hears each piece of a streaming answer; the stream waits for whoever asks it to. */
export class DeltaListeners {
  readonly #listeners = new Set<DeltaListener>();

  add(listener: DeltaListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once every listener whose output was full has drained. */
  async emit(kind: 'text' | 'reasoning', text: string): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const listener of this.#listeners) {
      const wait = listener(kind, text);
      if (wait) waits.push(wait);
    }
    if (waits.length > 0) await Promise.all(waits);
  }
}
