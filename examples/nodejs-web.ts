import { DistrolessDockerfile, Runtime } from '../lib';

/** A TypeScript web app: `npm run build` compiles to dist/, dev dependencies are pruned, node runs dist/server.js. */
export function nodejsWeb(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.nodejs({ buildScript: 'build', entry: 'dist/server.js' }),
    exposedPorts: [3000],
    environment: { PORT: '3000' },
    labels: { 'org.opencontainers.image.title': 'web' },
  });
}
