import { DistrolessDockerfile, JavaBuild, Runtime } from '../lib';

/** A dependency-free Java app compiled with javac, on a jlink runtime with three modules on distroless/java-base. */
export function javaJlink(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.javaJlink({
      buildTool: JavaBuild.JAVAC,
      mainClass: 'com.example.Main',
      modules: ['java.base', 'java.net.http', 'jdk.crypto.ec'],
    }),
  });
}
