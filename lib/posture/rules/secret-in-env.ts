import { secretWord } from '../../policy/rules/secret-in-arg-env';
import { PostureHit, PostureRule } from '../model';
import { arr } from '../values';
import { ECS, ERROR, get, info, K8S, who } from './common';

/** Plain environment values are stored in the task definition or manifest, readable by anyone who can describe the workload. */
export const secretInEnv: PostureRule = {
  info: info({
    id: 'CDP019',
    level: ERROR,
    title: 'No secrets in plain environment values',
    description: 'ECS `Environment[*]` and Kubernetes `env[*].value` entries whose names look like secrets (the same words as CDL011: '
      + 'PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY, ...; names ending in URL, FILE, NAME, ARN, ... are not secrets) and have a '
      + 'non-empty value are reported. A value from an intrinsic (a `Ref` to a parameter, a `{{resolve:...}}` reference) still lands in '
      + 'the task definition in plain text. Values injected as ECS `Secrets` or Kubernetes `valueFrom.secretKeyRef` are fine.',
    fix: 'ECS: move it to `Secrets` (CDK: `secrets: { NAME: ecs.Secret.fromSecretsManager(secret) }`). Kubernetes: `valueFrom: { secretKeyRef: { name, key } }`.',
    platforms: [ECS, K8S],
  }),
  task(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      arr(get(c.spec, 'Environment')).forEach((e, i) => {
        const name = get(e, 'Name');
        const value = get(e, 'Value');
        const word = typeof name === 'string' ? secretWord(name) : undefined;
        if (word && value !== undefined && value !== null && value !== '') {
          hits.push({
            path: [...c.path, 'Environment', i],
            container: c.name,
            message: `${who(c)} sets ${name} in plain text (its name contains ${word}); allowed: secret-looking values only through Secrets.`,
            fix: `Move ${name} from Environment to Secrets on ${who(c)} (CDK: \`secrets: { ${name}: ecs.Secret.fromSecretsManager(...) }\`).`,
          });
        }
      });
    }
    return hits;
  },
  pod(t) {
    const hits: PostureHit[] = [];
    for (const c of t.containers) {
      arr(get(c.spec, 'env')).forEach((e, i) => {
        const name = get(e, 'name');
        const value = get(e, 'value');
        const word = typeof name === 'string' ? secretWord(name) : undefined;
        if (word && value !== undefined && value !== null && value !== '') {
          hits.push({
            path: [...c.path, 'env', i, 'value'],
            container: c.name,
            message: `${who(c)} sets ${name} in plain text (its name contains ${word}); allowed: secret-looking values only through valueFrom.secretKeyRef.`,
            fix: `Use \`valueFrom: { secretKeyRef: { name: <secret>, key: <key> } }\` for ${name} on ${who(c)}.`,
          });
        }
      });
    }
    return hits;
  },
};
