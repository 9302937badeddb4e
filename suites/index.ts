export type { LaunchGateSuiteOptions } from './launch-gates.js';
export { describeLaunchGates } from './launch-gates.js';
