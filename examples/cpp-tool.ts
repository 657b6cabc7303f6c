import { CppBuild, DistrolessDockerfile, Runtime } from '../lib';

/** A C++ program built with CMake and linked statically, on distroless/static. */
export function cppTool(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.cpp({ buildTool: CppBuild.CMAKE, binaryName: 'tool', staticLinking: true }),
    command: ['--serve'],
  });
}
