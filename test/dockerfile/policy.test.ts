// The generator's output must pass the project's own Dockerfile policy with no error-level finding.
import { MIRROR, VARIANTS } from './variants';
import { DockerfilePolicy } from '../../lib/policy';

describe('generated Dockerfiles pass the policy', () => {
  // The mirrored variant is linted as a project with that mirror configures its policy.
  const policy = new DockerfilePolicy({ registryMirrors: [MIRROR] });

  test.each(VARIANTS)('%s has no error-level finding', (_name, make) => {
    const result = policy.lint(make().render());
    const errors = result.findings.filter(f => f.level === 'error');
    expect(errors.map(f => `${f.ruleId}: ${f.message}`)).toEqual([]);
    expect(result.errorCount).toBe(0);
  });
});
