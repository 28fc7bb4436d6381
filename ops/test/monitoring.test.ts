import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { commandOnPath } from '../src/installed-tool.js';
import { repositoryRoot } from '../src/repository-paths.js';

const read = (file: string) => readFileSync(path.join(repositoryRoot, file), 'utf8');
const dashboard = JSON.parse(read('ops/grafana/realtime-dashboard.json')) as {
  panels: { title: string; targets?: { expr: string }[] }[];
};
const dashboardQueries = dashboard.panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'callboard-monitoring-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The metric names a PromQL text uses, without a histogram's _bucket/_count/_sum. */
function callboardMetrics(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/\bcallboard_[a-z0-9_]+/g)].map((m) =>
      m[0].replace(/_(bucket|count|sum)$/, ''),
    ),
  );
}

/** Every `name: 'callboard_…'` registered by the platform, api and realtime sources. */
function exportedMetrics(): Set<string> {
  const names = new Set<string>();
  for (const dir of ['platform/src', 'api/src', 'realtime/src']) {
    for (const file of readdirSync(path.join(repositoryRoot, dir), { recursive: true })) {
      if (!String(file).endsWith('.ts') || String(file).endsWith('.test.ts')) continue;
      const text = read(path.join(dir, String(file)));
      for (const [, name] of text.matchAll(/name: '(callboard_[a-z0-9_]+)'/g)) names.add(name!);
    }
  }
  // Written by ops/backup/backup.sh for node-exporter's textfile collector.
  for (const [, name] of read('ops/backup/backup.sh').matchAll(/^\s*echo "(callboard_[a-z_]+) /gm))
    names.add(name!);
  return names;
}

describe('monitoring', () => {
  it('alerts and the dashboard use only metrics that the code or the backup exports', () => {
    const exported = exportedMetrics();
    expect(exported).toContain('callboard_yjs_persist_seconds');
    expect(exported).toContain('callboard_backup_last_success_timestamp_seconds');
    const used = new Set([
      ...callboardMetrics(read('ops/prometheus/alerts.yml').replace(/#.*$/gm, '')),
      ...dashboardQueries.flatMap((q) => [...callboardMetrics(q.expr)]),
    ]);
    for (const name of used) expect(exported, name).toContain(name);
  });

  it('has an alert for each condition the runbook names', () => {
    const alerts = [...read('ops/prometheus/alerts.yml').matchAll(/- alert: (\w+)/g)].map(
      (m) => m[1],
    );
    const runbook = read('docs/operations.md');
    for (const alert of alerts) expect(runbook, `docs/operations.md on ${alert}`).toContain(alert);
  });

  it.skipIf(!commandOnPath('promtool'))('the dashboard’s queries parse as PromQL', () => {
    // As Grafana sends them: its interval and the replica variable filled in.
    const rules = {
      groups: [
        {
          name: 'dashboard',
          rules: dashboardQueries.map((query, i) => ({
            record: `dashboard:query_${i}`,
            expr: query.expr.replaceAll('$__rate_interval', '1m').replaceAll('$instance', '.*'),
          })),
        },
      ],
    };
    const file = path.join(scratch, 'dashboard.rules.yml');
    writeFileSync(file, stringify(rules));
    const result = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });
});
