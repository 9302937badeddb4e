export { describeClientGrade } from '../harness/grading/client/suite.js';
export { describeWebhookReceiverGrade } from '../harness/grading/webhook-receiver/suite.js';
export type { LaunchGateSuiteOptions } from './launch-gates.js';
export { describeLaunchGates } from './launch-gates.js';
export type { LaunchFixtures, LaunchRun } from './launch-test.js';
export { launchTest } from './launch-test.js';
