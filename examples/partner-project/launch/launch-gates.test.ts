import { describeLaunchGates } from '@dutyclaims/launch-harness/suites';

// Reads DUTYCLAIMS_* from the environment: no settings means a rehearsal on the embedded mock.
describeLaunchGates();
