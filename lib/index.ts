export * from './image';
export * from './policy';
export * from './dockerfile';
export * from './workload';
export * as kubernetes from './kubernetes';
