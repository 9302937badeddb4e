// A rehearsal parses each request and response shape a handful of times. zod decides when it builds
// an object schema whether to compile a fast path for it (a new Function, which no V8 code cache
// keeps), and building those costs a run more than they save: ~30-45 ms of `rehearse` (issue 16).
// Imported first by the CLI's run (rehearse-run.ts), only ever loaded in the CLI's own process, so
// no partner program's zod setting changes. Results are the same either way; only the speed differs.
import { z } from 'zod';

z.config({ jitless: true });
