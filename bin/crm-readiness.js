#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step between a checkout and a working CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/adapters/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
