#!/usr/bin/env node
// The CLI's ES module entry: every command. The bin (./bin.ts) imports it for all but `mock`.
import { exitAfterOutput } from './cli-io.js';
import { runCli } from './run-cli.js';

await exitAfterOutput(await runCli(process.argv.slice(2)));
