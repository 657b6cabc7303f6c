export * from './container-engine';
export * from './pod-options';
export * from './distroless-service';
export * from './distroless-job';
export * from './distroless-cron-job';
export * from './restricted-namespace';
export * from './kubernetes-posture';
export * from './posture-validation';
