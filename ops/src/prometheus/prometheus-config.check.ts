import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { displayPath } from '../repository-paths.js';
import { runInstalledTool } from '../installed-tool.js';

export interface PrometheusCheck {
  problems: string[];
  notes: string[];
}

interface ScrapeConfig {
  job_name: string;
  static_configs?: { targets?: string[] }[];
  dns_sd_configs?: { names?: string[] }[];
}

interface RuleGroup {
  name?: string;
  rules?: {
    alert?: string;
    expr?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  }[];
}

/**
 * Checks ops/prometheus: with promtool when installed (config syntax, rules, and the rules'
 * unit tests in alerts.test.yml); in any case that every scrape target is a compose service
 * and that each alert has an expression, a severity and a summary.
 */
export function checkPrometheusConfig(directory: string, services: Set<string>): PrometheusCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  const config = path.join(directory, 'prometheus.yml');
  const parsed = parse(readFileSync(config, 'utf8')) as {
    rule_files?: string[];
    scrape_configs?: ScrapeConfig[];
  };

  for (const job of parsed.scrape_configs ?? []) {
    const hosts = [
      ...(job.static_configs ?? []).flatMap((c) => c.targets ?? []).map((t) => t.split(':')[0]!),
      ...(job.dns_sd_configs ?? []).flatMap((c) => c.names ?? []),
    ];
    for (const host of hosts)
      if (host !== 'localhost' && !services.has(host))
        problems.push(
          `${displayPath(config)}: job ${job.job_name} scrapes ${host}, which is not a compose service`,
        );
  }

  const ruleFiles = (parsed.rule_files ?? []).map((file) => path.resolve(directory, file));
  for (const file of ruleFiles) {
    if (!existsSync(file)) {
      problems.push(`${displayPath(config)}: rule file ${displayPath(file)} does not exist`);
      continue;
    }
    const groups = (parse(readFileSync(file, 'utf8')) as { groups?: RuleGroup[] }).groups ?? [];
    for (const rule of groups.flatMap((group) => group.rules ?? [])) {
      if (!rule.alert) continue;
      for (const [field, present] of [
        ['an expression', rule.expr],
        ['a severity label', rule.labels?.severity],
        ['a summary annotation', rule.annotations?.summary],
      ] as const)
        if (!present) problems.push(`${displayPath(file)}: alert ${rule.alert} has no ${field}`);
    }
  }

  const tests = path.join(directory, 'alerts.test.yml');
  const runs = [
    // Syntax only: the token file it names exists inside the container, not here.
    ['check', 'config', '--syntax-only', config],
    ...ruleFiles.filter(existsSync).map((file) => ['check', 'rules', file]),
    ...(existsSync(tests) ? [['test', 'rules', tests]] : []),
  ];
  for (const args of runs) {
    const run = runInstalledTool('promtool', args);
    if (!run.installed) {
      notes.push(
        `${displayPath(directory)}: promtool is not installed, so only the checks above ran (apt-get install prometheus)`,
      );
      break;
    }
    if (!run.ok) {
      const lines = run.output.split('\n').map((line) => line.trim().replace(/,$/, ''));
      // A failed unit test names each alert and time; other failures say `error`.
      const failedTests = lines.filter((line) => /^alertname: .*, time: /.test(line));
      const errors = lines.filter((line) => /error|FAILED: ./i.test(line));
      const detail = (
        failedTests.length ? failedTests.map((l) => `${l} fired otherwise than expected`) : errors
      ).join('; ');
      problems.push(
        `${displayPath(args.at(-1)!)}: promtool ${args.slice(0, 2).join(' ')}: ${detail || run.output.trim()}`,
      );
    }
  }
  return { problems, notes };
}
