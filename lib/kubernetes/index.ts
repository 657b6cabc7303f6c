export * from './kubernetes-posture';
export * from './posture-validation';
