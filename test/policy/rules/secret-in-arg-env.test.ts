import { secretWord } from '../../../lib/policy/rules/secret-in-arg-env';
import { COMPLIANT, df, findingsOf, GOOD_BASE } from '../util';

const ID = 'CDL011';

describe('CDL011 secret-in-arg-env', () => {
  test('ordinary names pass', () => {
    expect(findingsOf(ID, COMPLIANT)).toEqual([]);
    expect(findingsOf(ID, df('ARG VERSION=1', `FROM ${GOOD_BASE}`, 'ENV NODE_ENV=production PORT=8080 GPG_KEY=A035C8C19219BA82'))).toEqual([]);
  });

  test.each([
    ['PASSWORD', 'PASSWORD'], ['DB_PASSWORD', 'PASSWORD'], ['MYSQL_ROOT_PASSWD', 'PASSWD'], ['DB_PASS', 'PASS'],
    ['CLIENT_SECRET', 'SECRET'], ['AWS_SECRET_ACCESS_KEY', 'SECRET'], ['AWS_ACCESS_KEY_ID', 'ACCESS_KEY'],
    ['GITHUB_TOKEN', 'TOKEN'], ['npmToken', 'TOKEN'], ['API_KEY', 'API_KEY'], ['X_API_KEY', 'API_KEY'], ['APIKEY', 'APIKEY'],
    ['apiKey', 'API_KEY'], ['SSH_PRIVATE_KEY', 'PRIVATE_KEY'], ['GOOGLE_APPLICATION_CREDENTIALS', 'CREDENTIALS'],
    ['REGISTRY_CREDS', 'CREDS'], ['GPG_PASSPHRASE', 'PASSPHRASE'], ['SIGNING_KEY', 'SIGNING_KEY'], ['jwt-secret', 'SECRET'],
  ])('%s is a secret name (%s)', (name, word) => {
    expect(secretWord(name)).toBe(word);
  });

  test.each([
    'TOKEN_URL', 'OAUTH_TOKEN_ENDPOINT', 'PASSWORD_FILE', 'DB_PASSWORD_FILE', 'SECRET_NAME', 'SECRET_ARN', 'TOKEN_TTL', 'GPG_KEY', 'KEY',
    'TOKENIZER', 'PASSPORT', 'BYPASS', 'PUBLIC_KEY_PATH', 'KEYCLOAK_HOST', 'MONKEY', 'PWD', '', '___',
  ])('%s is not a secret name', name => {
    expect(secretWord(name)).toBeUndefined();
  });

  test('fails on secret-looking ARG (with or without default) in any stage and ENV with a value, pointing at the name', () => {
    const content = df(
      'ARG NPM_TOKEN',
      'FROM node:24 AS build',
      'ARG GITHUB_TOKEN=ghp_x',
      'ENV DB_PASSWORD=hunter2 \\',
      '    API_KEY=abc PORT=1',
      `FROM ${GOOD_BASE}`,
      'ENV CLIENT_SECRET=x',
    );
    const findings = findingsOf(ID, content);
    expect(findings.map(f => [f.line, f.column, f.endColumn])).toEqual([[1, 5, 14], [3, 5, 17], [4, 5, 16], [5, 5, 12], [7, 5, 18]]);
    expect(findings[0].message).toBe('ARG NPM_TOKEN looks like a secret (its name contains TOKEN); build args are recorded in the image history and build cache. '
      + 'Allowed: BuildKit secret mounts at build time, injected secrets at run time.');
    expect(findings[0].fix).toMatch(/RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN/);
    expect(findings[2].message).toMatch(/ENV values are stored in the image config/);
  });

  test('an ENV without a value declares nothing and passes', () => {
    expect(findingsOf(ID, df(`FROM ${GOOD_BASE}`, 'ENV API_TOKEN=""', 'ENV OTHER_TOKEN='))).toEqual([]);
  });
});
