import { describe } from 'vitest';
import { pythonClientCommand } from '../../examples/partner-clients/src/commands.js';
import { describeClientGrade } from '../../harness/grading/client/suite.js';
import { CLIENT_TIMEOUT_MS } from './support/client-timeout.js';
import { hasPython, needsPython } from './support/python.js';

// How a partner uses the grader as a vitest suite: one test per check, all graded from one run of
// their command. A check without signal (e.g. no declared timeout) shows as skipped with the reason.
describe.skipIf(!hasPython)(needsPython('Python reference client'), () => {
  describeClientGrade(
    { command: pythonClientCommand(), timeoutMs: CLIENT_TIMEOUT_MS, maxConcurrency: 4 },
    { name: 'Python reference client, graded as a vitest suite' },
  );
});
