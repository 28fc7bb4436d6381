import { describe, expect, test } from 'vitest';
import { connectionStatus, type ConnectionState } from './connection-status';

describe('connectionStatus', () => {
  test.each<[ConnectionState, string, string]>([
    ['connecting', 'Connecting…', 'warn'],
    ['connected', 'Connected · saving', 'ok'],
    ['saved', 'All changes saved', 'ok'],
    ['offline', 'Offline · edits kept on this device', 'danger'],
  ])('shows %s as "%s" with a %s dot', (state, label, tone) => {
    expect(connectionStatus(state)).toEqual({ label, tone });
  });
});
