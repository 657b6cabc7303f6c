export * from './ingress';
export * from './secret';
export * from './distroless-service';
export * from './distroless-job';
