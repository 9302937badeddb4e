// The standalone mock: `node dist/harness/reference-mock/main.cjs` (the container's entry) or `main.js`.
// Settings come from DUTYCLAIMS_MOCK_* variables. The build replaces this file's output with loaders
// that run the same code from one bundle with its V8 code cache (./standalone-bundle.ts).
import { runContainerEntry } from './standalone-bundle.js';

void runContainerEntry();
