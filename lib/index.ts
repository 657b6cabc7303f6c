export * from './image';
export * from './policy';
