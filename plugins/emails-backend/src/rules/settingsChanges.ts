import { EventsService } from '@backstage/plugin-events-node';
import { randomUUID } from 'node:crypto';

/** Events topic: a settings document (the Email Preference, a rule list) was saved. */
export const EMAILS_SETTINGS_CHANGED_TOPIC = 'emails.settings.changed';

/** The payload of {@link EMAILS_SETTINGS_CHANGED_TOPIC}: which document, saved by which replica. */
export interface SettingsChangedEvent {
  origin: string;
  document: string;
}

/**
 * Tells other replicas that a settings document was saved, so they drop
 * their kept copy at once. With an event bus one replica of a subscriber id
 * may get each event; every other one sees the save at its next version
 * check (SettingsCache), a couple of seconds later at most.
 */
export function settingsChanges(events: EventsService) {
  const origin = randomUUID();
  return {
    /** Announces a save made by this replica. */
    publish: (document: string) =>
      events.publish({
        topic: EMAILS_SETTINGS_CHANGED_TOPIC,
        eventPayload: { origin, document } satisfies SettingsChangedEvent,
      }),
    /** Calls `onChange` for saves made by other replicas (this one dropped its copy when it saved). */
    subscribe: (onChange: (document: string) => void) =>
      events.subscribe({
        id: 'emails-settings-cache',
        topics: [EMAILS_SETTINGS_CHANGED_TOPIC],
        onEvent: async params => {
          const payload = params.eventPayload as Partial<SettingsChangedEvent>;
          if (payload?.origin === origin) return;
          if (typeof payload?.document === 'string') onChange(payload.document);
        },
      }),
  };
}

/** Announcing and hearing of settings saves, as the configuration services use it. */
export type SettingsChanges = ReturnType<typeof settingsChanges>;
