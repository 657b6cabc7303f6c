export * from './finding';
export * from './posture-check';
