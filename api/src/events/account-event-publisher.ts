import { ACCOUNT_EVENTS_CHANNEL, type AccountEvent } from './account-events.js';
import type { EventBus } from './event-bus.js';

/** Announces a change the realtime tier must enforce; a bus outage must not fail the request. */
export async function publishAccountEvent(bus: EventBus, event: AccountEvent): Promise<void> {
  await bus.publish(ACCOUNT_EVENTS_CHANNEL, JSON.stringify(event)).catch(() => undefined);
}
