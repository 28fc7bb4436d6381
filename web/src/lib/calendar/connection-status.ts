/** Where this tab's copy of a calendar stands with the server. */
export type ConnectionState = 'connecting' | 'connected' | 'saved' | 'offline';

/** How the connection indicator reads: its words, and the colour of its dot. */
export interface ConnectionStatus {
  label: string;
  tone: 'ok' | 'warn' | 'danger';
}

const STATUSES: Record<ConnectionState, ConnectionStatus> = {
  offline: { label: 'Offline · edits kept on this device', tone: 'danger' },
  connecting: { label: 'Connecting…', tone: 'warn' },
  connected: { label: 'Connected · saving', tone: 'ok' },
  saved: { label: 'All changes saved', tone: 'ok' },
};

export function connectionStatus(state: ConnectionState): ConnectionStatus {
  return STATUSES[state];
}
