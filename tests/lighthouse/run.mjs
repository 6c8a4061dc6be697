// Runs Lighthouse on a list of pages in one Node process (tests/browser/test_lighthouse.py writes the
// list): node run.mjs jobs.json
//
// jobs.json: {"chromePath": "/usr/bin/chromium", "chromeFlags": [...], "categories": [...],
//             "jobs": [{"url": "...", "formFactor": "mobile" | "desktop", "outputBase": "/path/name"}]}
//
// One page at a time: Lighthouse keeps its timing marks and trace state per process, so two runs at
// once in one process fail ("Could not find any top level events", "performance mark has not been set").
//
// Each page gets a fresh Chrome (Debian's, never a downloaded one), like the lighthouse CLI; mobile is
// Lighthouse's default configuration, desktop its desktop preset (the CLI's --preset=desktop). Writes
// <outputBase>.report.json and .report.html. A run that ends in a Lighthouse runtime error (such as
// NO_NAVSTART, "please run Lighthouse again") is retried twice; the last report is kept either way.
import fs from 'node:fs';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const ATTEMPTS = 3;
const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

async function runOnce(job) {
  const chrome = await chromeLauncher.launch({chromePath: spec.chromePath, chromeFlags: spec.chromeFlags});
  try {
    const flags = {
      port: chrome.port,
      output: ['json', 'html'],
      onlyCategories: spec.categories,
      logLevel: 'error',
      maxWaitForLoad: 30000,
    };
    return await lighthouse(job.url, flags, job.formFactor === 'desktop' ? desktopConfig : undefined);
  } finally {
    await chrome.kill();
  }
}

async function runJob(job) {
  const started = Date.now();
  let result;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    result = await runOnce(job);
    const error = result?.lhr?.runtimeError;
    if (!error) break;
    console.log(`${job.url} (${job.formFactor}): runtime error ${error.code}, attempt ${attempt} of ${ATTEMPTS}`);
  }
  const [json, html] = result.report;
  fs.writeFileSync(`${job.outputBase}.report.json`, json);
  fs.writeFileSync(`${job.outputBase}.report.html`, html);
  const scores = Object.values(result.lhr.categories).map(c => `${c.id} ${Math.round(c.score * 100)}`);
  console.log(`${job.url} (${job.formFactor}): ${scores.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

for (const job of spec.jobs) {
  await runJob(job);
}
