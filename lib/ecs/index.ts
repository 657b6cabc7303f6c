export * from './posture-validator';
export * from './posture-aspect';
export * from './posture-suppressions';
