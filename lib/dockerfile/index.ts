export * from './runtime-options';
export * from './runtime';
export * from './distroless-dockerfile';
