export * from './image';
export * from './policy';
export * from './dockerfile';
export * from './workload';
export * as ecs from './ecs';
