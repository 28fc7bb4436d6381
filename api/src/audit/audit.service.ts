import type { AuditEntry, AuditRepository } from '@callboard/db';
import type { Logger } from '@callboard/platform';

/** Writes the audit trail; a failed write is logged, never turned into a failed request. */
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly logger: Logger,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.audit.record(entry);
    } catch (error) {
      this.logger.error({ err: error, action: entry.action }, 'audit write failed');
    }
  }
}
