// Preloaded into a measured process (NODE_OPTIONS=--require ...): when the process exits it appends its
// peak resident set size (getrusage ru_maxrss, which covers all its threads) to the file named by
// BENCH_RSS_OUT, one JSON line per process, so child processes it starts are reported too.
'use strict';
const fs = require('fs');

const out = process.env.BENCH_RSS_OUT;
if (out) {
  process.on('exit', () => {
    try {
      const line = { pid: process.pid, maxRssKB: process.resourceUsage().maxRSS, script: process.argv[1] ?? '' };
      fs.appendFileSync(out, `${JSON.stringify(line)}\n`);
    } catch {
      // measuring must never change how the measured process ends
    }
  });
}
