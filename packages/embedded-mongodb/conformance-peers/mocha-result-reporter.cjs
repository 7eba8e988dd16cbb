'use strict';
// A mocha reporter that appends one JSON line per finished test (or failed hook) to the file named
// by PEER_RESULTS_FILE, so the results of a test file survive even when it hangs and is killed.
// It requires nothing from mocha: mocha lives in the scratch directory, not next to this file.
const { appendFileSync } = require('node:fs');

class ResultLinesReporter {
  constructor(runner) {
    const file = process.env.PEER_RESULTS_FILE;
    const write = (state, test, err) => {
      const line = { state, title: test.fullTitle() };
      if (err) {
        line.error = String((err && err.message) || err).slice(0, 2000);
        line.stack = String((err && err.stack) || '').split('\n').slice(0, 8).join('\n');
      }
      appendFileSync(file, JSON.stringify(line) + '\n');
    };
    runner.on('pass', (test) => write('passed', test));
    runner.on('fail', (test, err) => write('failed', test, err));
    runner.on('pending', (test) => write('pending', test));
  }
}

module.exports = ResultLinesReporter;
