import { cppTool } from './cpp-tool';
import { dotnetApi } from './dotnet-api';
import { cdkExample, dockerfileExample, Example } from './example';
import { goBehindProxy } from './go-behind-proxy';
import { goScratch } from './go-scratch';
import { goService } from './go-service';
import { javaJlink } from './java-jlink';
import { javaService } from './java-service';
import { nodejsWeb } from './nodejs-web';
import { pythonWorker } from './python-worker';
import { rustService } from './rust-service';
import { staticBinary } from './static-binary';

export type { Example } from './example';

/** Every example `npm run examples` synthesizes, each into examples-out/<name>/. */
export const EXAMPLES: Example[] = [
  dockerfileExample('go-service', 'Go service on distroless/static', goService),
  dockerfileExample('go-scratch', 'Go service on scratch with a writable cache', goScratch),
  dockerfileExample('go-behind-proxy', 'Go with cgo, mirrors, a pinned base and a build CA bundle', goBehindProxy),
  dockerfileExample('rust-service', 'Rust (musl) on distroless/static', rustService),
  dockerfileExample('nodejs-web', 'TypeScript web app on distroless/nodejs24', nodejsWeb),
  dockerfileExample('python-worker', 'Python worker on distroless/python3', pythonWorker),
  dockerfileExample('java-service', 'Maven-built jar on distroless/java21', javaService),
  dockerfileExample('java-jlink', 'javac-built app on a jlink runtime', javaJlink),
  dockerfileExample('dotnet-api', 'ASP.NET Core on chiseled Ubuntu', dotnetApi),
  dockerfileExample('cpp-tool', 'Static C++ (CMake) on distroless/static', cppTool),
  dockerfileExample('static-binary', 'Prebuilt static binary on scratch', staticBinary),
  cdkExample('ecs-web-service', 'ECS: Go web service from source behind an HTTPS ALB (cdk synth)', 'web-service'),
  cdkExample('ecs-nightly-job', 'ECS: scheduled job with a dead-letter queue and alarm (cdk synth)', 'nightly-job'),
];
