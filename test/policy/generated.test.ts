import { DistrolessDockerfile, Runtime } from '../../lib/dockerfile';
import { DockerfilePolicy } from '../../lib/policy';

/** Generated Dockerfiles are held to the same policy as hand-written ones: no errors, only digest warnings. */
describe('Dockerfiles from DistrolessDockerfile', () => {
  const runtimes: Array<[string, () => Runtime]> = [
    ['go', () => Runtime.go()],
    ['rust', () => Runtime.rust()],
    ['nodejs', () => Runtime.nodejs()],
    ['python', () => Runtime.python()],
    ['javaJar', () => Runtime.javaJar()],
    ['javaJlink', () => Runtime.javaJlink()],
    ['dotnet', () => Runtime.dotnet()],
    ['cpp', () => Runtime.cpp()],
    ['staticBinary', () => Runtime.staticBinary()],
  ];

  test.each(runtimes)('%s: no errors; warnings only for digest pinning', (name, runtime) => {
    const result = new DockerfilePolicy().lint(new DistrolessDockerfile({ runtime: runtime() }).render(), name);
    expect(result.errorCount).toBe(0);
    expect(result.findings.filter(f => f.ruleId !== 'CDL101' && f.ruleId !== 'CDL102')).toEqual([]);
  });
});
