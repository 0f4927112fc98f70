#!/usr/bin/env node
// Entry point of the `flaskguard` command; the bundled CLI lives in dist/cli/ (built by `npm ci` through the install script).
import { exitWhenFlushed, main } from '../dist/cli/flaskguard.js';

exitWhenFlushed(await main(process.argv.slice(2)));
