import { responseError } from '../__testUtils__';
import {
  CONFLICT_MESSAGE,
  issuesToFormErrors,
  saveErrorToFormErrors,
} from './formErrors';

const FIELDS = ['name', 'port', 'oauth.tokenUrl', 'filter.emails'];
const label = (f: string) =>
  ({ name: 'Name', port: 'Port', 'filter.emails': 'Emails' }[f] ?? f);

describe('saveErrorToFormErrors', () => {
  it('puts the issues of a 400 under their fields', () => {
    const error = responseError(
      400,
      'Invalid incoming server: port must be a whole number from 1 to 65535; oauth.tokenUrl is required for OAuth',
    );
    expect(saveErrorToFormErrors(error, FIELDS, label)).toEqual({
      fields: {
        port: 'Port must be a whole number from 1 to 65535',
        'oauth.tokenUrl': 'oauth.tokenUrl is required for OAuth',
      },
    });
  });

  it('names the entry of a list and keeps issues of unknown fields for the alert', () => {
    expect(
      issuesToFormErrors(
        [
          {
            field: 'filter.emails.1',
            message: 'must be a valid email address',
          },
          { field: 'importSince', message: 'must be an ISO 8601 date-time' },
        ],
        FIELDS,
        label,
      ),
    ).toEqual({
      fields: {
        'filter.emails': 'Emails (entry 2) must be a valid email address',
      },
      message: 'importSince must be an ISO 8601 date-time',
    });
  });

  it('asks for a reload on a stale version, but shows a taken name under Name', () => {
    const stale = responseError(
      409,
      'The incoming server was changed by someone else (version 4, yours 3); reload and try again',
    );
    expect(saveErrorToFormErrors(stale, FIELDS)).toEqual({
      fields: {},
      message: CONFLICT_MESSAGE,
      conflict: true,
    });
    const taken = responseError(
      409,
      'An incoming server named "Support" already exists',
    );
    expect(saveErrorToFormErrors(taken, FIELDS).fields).toEqual({
      name: 'An incoming server named "Support" already exists',
    });
  });

  it('shows any other error as it is', () => {
    expect(saveErrorToFormErrors(new Error('offline'), FIELDS)).toEqual({
      fields: {},
      message: 'offline',
    });
  });
});
