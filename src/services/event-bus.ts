// In-process publish/subscribe for things that happened (events stored, service states changed).
import { EventEmitter } from 'node:events';

export interface BusEvents {
  /** events committed to the event log (new ones and enrichments), by id */
  'events.stored': { ids: number[]; enrichedIds: number[] };
}

export class EventBus {
  private readonly emitter = new EventEmitter();

  publish<K extends keyof BusEvents>(topic: K, payload: BusEvents[K]): void {
    this.emitter.emit(topic, payload);
  }

  subscribe<K extends keyof BusEvents>(topic: K, fn: (payload: BusEvents[K]) => void): () => void {
    this.emitter.on(topic, fn);
    return () => this.emitter.off(topic, fn);
  }
}
