export * from './architecture';
export * from './time-span';
export * from './health-check';
export * from './relaxation';
export * from './image-profile';
export * from './distroless-image';
export * from './workload';
