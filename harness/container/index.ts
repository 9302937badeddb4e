export type { ReferenceMockContainerErrorCode, ReferenceMockContainerErrorContext } from './errors.js';
export { isReferenceMockContainerError, ReferenceMockContainerError } from './errors.js';
export { ReferenceMockHealthWaitStrategy } from './health-wait-strategy.js';
export type { ReferenceMockContainerOptions } from './reference-mock-container.js';
export {
  DEFAULT_REFERENCE_MOCK_CONTAINER_OPTIONS,
  ReferenceMockContainer,
  startReferenceMockContainer,
} from './reference-mock-container.js';
export type { StartedMockDetails } from './started-reference-mock-container.js';
export { StartedReferenceMockContainer } from './started-reference-mock-container.js';
