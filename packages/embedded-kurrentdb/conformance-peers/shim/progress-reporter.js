/**
 * Jest reporter of the peer run: one line per finished test file, so a long run shows progress.
 * Copied into the scratch directory next to the client tests (CommonJS, as jest loads it).
 */
const path = require("path");

class ProgressReporter {
  constructor(globalConfig) {
    this.root = globalConfig.rootDir;
  }

  onTestResult(_test, result) {
    const count = (status) => result.testResults.filter((t) => t.status === status).length;
    const file = path.relative(path.join(this.root, "src"), result.testFilePath);
    const failed = count("failed") + (result.testExecError ? 1 : 0);
    const state = failed > 0 ? "FAIL" : "PASS";
    const seconds = ((result.perfStats.end - result.perfStats.start) / 1000).toFixed(1);
    process.stdout.write(`${state} ${file}: ${count("passed")} passed, ${failed} failed, ${count("pending")} skipped (${seconds} s)\n`);
  }
}

module.exports = ProgressReporter;
