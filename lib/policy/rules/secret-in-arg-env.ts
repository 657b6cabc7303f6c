import { Severity } from '../finding';
import { Rule, RuleHit } from '../rule';

/** Words that make a name a secret on their own. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS',
  'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'APIKEY', 'PRIVATEKEY']);
/** Words that make a name a secret when followed by KEY. */
const KEY_QUALIFIERS = new Set(['API', 'PRIVATE', 'ACCESS', 'SIGNING', 'ENCRYPTION', 'SSH', 'MASTER', 'CLIENT']);
/** A last word that says the variable holds where or what the secret is, not the secret itself. */
const NOT_A_SECRET_SUFFIX = new Set(['URL', 'URI', 'ENDPOINT', 'HOST', 'HOSTNAME', 'PORT', 'FILE', 'PATH', 'DIR', 'NAME', 'TYPE',
  'HEADER', 'TTL', 'EXPIRY', 'EXPIRES', 'TIMEOUT', 'LENGTH', 'SIZE', 'ENABLED', 'DISABLED', 'ARN', 'REF']);

/**
 * The secret-looking word of a variable name, or undefined. Names split into words at `_`, `-`, `.`
 * and camelCase; `TOKEN_URL` or `PASSWORD_FILE` name where a secret lives, not the secret.
 */
export function secretWord(name: string): string | undefined {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  if (words.length === 0 || NOT_A_SECRET_SUFFIX.has(words[words.length - 1])) { return undefined; }
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i])) { return words[i]; }
    if (words[i] === 'KEY' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) { return `${words[i - 1]}_KEY`; }
  }
  return undefined;
}

/** Build args and ENV values are stored in image metadata and history: no place for secrets. */
export const secretInArgEnv: Rule = {
  info: {
    id: 'CDL011',
    level: Severity.ERROR,
    title: 'No secrets in ARG or ENV',
    description: 'ARG and ENV names that look like secrets (containing PASSWORD, PASSWD, PASS, SECRET, TOKEN, CREDENTIALS, API_KEY, '
      + 'PRIVATE_KEY, ACCESS_KEY, ...) are reported in every stage. Build args are recorded in the image history and build cache, ENV values '
      + 'in the image config, both readable by anyone who can pull the image. Names ending in a word that says where the secret is '
      + '(`TOKEN_URL`, `PASSWORD_FILE`, `SECRET_NAME`, `..._ARN`, ...) are not secrets and are not reported; neither is an ENV with an empty value.',
    fix: 'Build time: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` in a build stage (`docker build --secret id=npm_token,env=NPM_TOKEN`). '
      + 'Run time: inject it from AWS Secrets Manager / SSM (ECS `secrets`) or a Kubernetes Secret, or point to a file with `..._FILE`.',
  },
  check(a) {
    const hits: RuleHit[] = [];
    for (const ins of a.model.instructions) {
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') { continue; }
      for (const p of ins.properties) {
        const word = secretWord(p.name);
        if (!word) { continue; }
        if (ins.keyword === 'ENV' && !p.value) { continue; }
        const why = ins.keyword === 'ARG'
          ? 'build args are recorded in the image history and build cache'
          : 'ENV values are stored in the image config';
        hits.push({
          range: p.nameRange,
          message: `${ins.keyword} ${p.name} looks like a secret (its name contains ${word}); ${why}. Allowed: BuildKit secret mounts at build time, injected secrets at run time.`,
          fix: ins.keyword === 'ARG'
            ? `Remove \`ARG ${p.name}\` and use \`RUN --mount=type=secret,id=${p.name.toLowerCase()},env=${p.name} ...\` in the build stage that needs it.`
            : `Remove \`ENV ${p.name}\` and inject it at run time (ECS container \`secrets\`, Kubernetes \`secretKeyRef\`), or set \`${p.name}_FILE\` to a mounted secret file.`,
        });
      }
    }
    return hits;
  },
};
