#!/usr/bin/env node
// `npm test`: builds, lints, typechecks, runs every package's tests and the browser
// end-to-end suite, then prints one line `N passed, N failed` summed over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const packages = [
  'domain',
  'db',
  'platform',
  'accounts',
  'api',
  'realtime',
  'server',
  'web',
  'ops',
];
const resultFiles = [
  ...packages.map((p) => path.join(root, p, 'test-results', 'vitest.json')),
  path.join(root, 'web', 'test-results', 'e2e.json'),
];
for (const file of resultFiles) rmSync(file, { force: true });

const checks = [];
function step(name, command, args, extraEnv = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...extraEnv },
  });
  const ok = result.status === 0;
  checks.push({ name, ok });
  if (!ok) console.log(`=== ${name} FAILED (exit ${result.status ?? result.signal})`);
  return ok;
}

const built = step('build', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
step('lint', 'npm', ['run', 'lint', '--silent']);
step('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
// The production files, with an env file made as a new install makes one (fresh secrets).
const opsEnv = path.join(os.tmpdir(), `callboard-ops-${process.pid}.env`);
rmSync(opsEnv, { force: true });
step('ops:env', 'npm', [
  'run',
  '--silent',
  'ops:env',
  '--',
  '--domain=schedule.callboard.test',
  '--admin-email=ci@callboard.test',
  `--out=${opsEnv}`,
]);
step('ops:check', 'npm', ['run', '--silent', 'ops:check', '--', opsEnv]);
rmSync(opsEnv, { force: true });
// Two packages at a time: the machine has two cores and each suite runs files in parallel.
step('tests', 'npx', ['turbo', 'run', 'test', '--concurrency=2', '--output-logs=full']);
if (built) step('end-to-end', 'npm', ['run', 'test:e2e', '--workspace', '@callboard/web']);
else checks.push({ name: 'end-to-end (not run: build failed)', ok: false });

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of resultFiles) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A suite that failed to load has no test results but must still count as a failure.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}
// Build, lint, typecheck and ops:check count as one check each, so they show in the total.
for (const check of checks.filter((c) =>
  ['build', 'lint', 'typecheck', 'ops:check'].includes(c.name),
)) {
  if (check.ok) passed += 1;
  else failed += 1;
}
const stepFailures = checks.filter((c) => !c.ok).map((c) => c.name);
if (stepFailures.length && failed === 0) failed = stepFailures.length;

console.log(`\nsteps: ${checks.map((c) => `${c.name} ${c.ok ? 'ok' : 'FAILED'}`).join(', ')}`);
if (skipped) console.log(`skipped: ${skipped} tests`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(stepFailures.length ? 1 : 0);
