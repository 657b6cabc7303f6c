export * from './image';
export * from './policy';
export * from './dockerfile';
export * from './workload';
export * from './posture';
export * as ecs from './ecs';
export * as kubernetes from './kubernetes';
