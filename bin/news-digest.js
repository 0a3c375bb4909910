#!/usr/bin/env node
// Thin launcher: checks the Node.js version before loading anything that may not run on it.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19) || major > 24) {
  console.error(
    `news-digest needs Node.js 20.19 or newer, up to 24 (24 LTS recommended); this is ${process.versions.node}.`,
  );
  process.exit(2);
}
const { runCli } = await import('../dist/src/main.js');
process.exitCode = await runCli(process.argv);
