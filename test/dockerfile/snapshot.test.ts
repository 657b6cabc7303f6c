// Whole-file snapshots are a backstop: the behaviour is asserted line by line in runtime.test.ts
// and distroless-dockerfile.test.ts. A change here must be a deliberate change of the output.
import { VARIANTS } from './variants';

describe.each(VARIANTS)('%s', (_name, make) => {
  test('Dockerfile', () => {
    expect(make().render()).toMatchSnapshot();
  });

  test('.dockerignore', () => {
    expect(make().renderDockerignore()).toMatchSnapshot();
  });
});
