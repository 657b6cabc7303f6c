import { DistrolessDockerfile, Runtime } from '../lib';

/** A Spring Boot service built with Maven, run with `java -jar` on distroless/java21. */
export function javaService(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.javaJar(),
    exposedPorts: [8080],
    environment: { JAVA_TOOL_OPTIONS: '-XX:MaxRAMPercentage=75' },
  });
}
