// In-process publish/subscribe for things that happened (events stored, service states changed).
import { EventEmitter } from 'node:events';
import type { AlertEvent } from '../domain/events.js';
import type { ServiceChange } from '../graph/incremental.js';

export interface BusEvents {
  /** events committed to the event log (new ones and enrichments), by id */
  'events.stored': {
    ids: number[];
    enrichedIds: number[];
    /** the new events themselves, as committed (saves reading them back) */
    stored?: Array<{ id: number; event: AlertEvent }>;
  };
  /** new service state transitions, committed (from `at` on, the service is in that state) */
  'services.changed': { changes: ServiceChange[] };
  /** the stored inventory changed (a PUT or a DELETE committed) */
  'inventory.changed': { effectiveFrom: number | null };
  /** the stored LibreNMS outage history changed (reconciliation committed rows) */
  'outages.changed': Record<string, never>;
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
