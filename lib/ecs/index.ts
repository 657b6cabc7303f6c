export * from './ingress';
export * from './secret';
export * from './distroless-service';
export * from './distroless-job';
export * from './posture-validator';
export * from './posture-aspect';
export * from './posture-suppressions';
