import type {InferenceEvent, InferenceResult} from '../api/types.js';
import type {LiveAnswer} from './chat-types.js';
import type {TurnTiming} from './turn-timing.js';

interface Following {
  timing: TurnTiming;
  now: () => number;
  /** One result: its text goes to the delta listeners as it comes (several arrive whole). */
  streamsText: boolean;
  emit: (kind: 'reasoning' | 'text', text: string) => Promise<void>;
  /** The live answer after each event. */
  show: (live: LiveAnswer) => void;
}

/**
 * A turn's events into its live answer: reasoning and text gathered, the phase (thinking,
 * answering, retrying, waiting) and the timing kept. `state.live` is the answer so far, also when
 * the events end in a throw (the caller keeps what arrived). The results when `done` came;
 * undefined when the events ended without it.
 */
export async function followAnswer(events: AsyncIterable<InferenceEvent>, state: {live: LiveAnswer}, options: Following): Promise<InferenceResult[] | undefined> {
  const {timing} = options;
  for await (const event of events) {
    const live = state.live;
    switch (event.type) {
      case 'reasoning':
        timing.reasoningArrived();
        state.live = {...live, phase: 'thinking', reasoning: live.reasoning + event.text};
        await options.emit('reasoning', event.text);
        break;
      case 'text':
        if (event.index !== 0) break;
        timing.textArrived();
        state.live = {...live, phase: 'answering', text: live.text + event.text};
        if (options.streamsText) await options.emit('text', event.text);
        break;
      case 'retry':
        state.live = {...live, phase: 'retrying', retryAt: options.now() + event.delayMs, retryReason: event.reason, retryAttempt: event.attempt};
        break;
      case 'pending':
        state.live = {...live, phase: 'waiting'};
        break;
      case 'done':
        return event.results;
    }
    options.show(state.live);
  }
  return undefined;
}
