export * from './finding';
export * from './dockerfile-policy';
