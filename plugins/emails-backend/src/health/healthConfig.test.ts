import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readEmailsConfig } from '../config';
import { generateKey } from '../crypto/SecretBox';

const read = (emails: object) =>
  readEmailsConfig(
    new ConfigReader({
      emails: { encryption: { key: generateKey() }, ...emails },
    }),
    mockServices.logger.mock(),
    'production',
  ).health;

describe('emails.health', () => {
  it('alerts the emails admins after 5 failures, with a daily reminder, by default', () => {
    expect(read({ admins: ['group:default/it-admins'] })).toEqual({
      failureThreshold: 5,
      alertRecipients: ['group:default/it-admins'],
      reminderIntervalMs: 24 * 3600_000,
    });
  });

  it('reads the threshold, the recipients and the reminder interval', () => {
    expect(
      read({
        admins: ['group:default/it-admins'],
        health: {
          failureThreshold: 3,
          alertRecipients: ['user:default/oncall'],
          reminderIntervalHours: 0,
        },
      }),
    ).toEqual({
      failureThreshold: 3,
      alertRecipients: ['user:default/oncall'],
      reminderIntervalMs: 0,
    });
  });

  it('refuses a threshold that is not a positive whole number', () => {
    expect(() => read({ health: { failureThreshold: 0 } })).toThrow(
      'emails.health.failureThreshold must be a positive number, got 0',
    );
    expect(() => read({ health: { failureThreshold: 2.5 } })).toThrow(
      'emails.health.failureThreshold must be a whole number, got 2.5',
    );
    expect(() => read({ health: { reminderIntervalHours: -1 } })).toThrow(
      'emails.health.reminderIntervalHours must be 0 or more, got -1',
    );
  });
});
