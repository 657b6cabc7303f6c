/**
 * The posture rule pack, in id order. Ids are API: never renumber or reuse one.
 * Internal: `PostureCheck.rules()` exposes the metadata.
 */
import { PostureRule } from '../model';
import { appArmor } from './apparmor';
import { capabilities } from './capabilities';
import { dockerfileWarnings } from './dockerfile-warnings';
import { hostNamespaces } from './host-namespaces';
import { hostPathVolumes } from './host-path-volumes';
import { hostPorts } from './host-ports';
import { hostProcess } from './host-process';
import { imageDigest } from './image-digest';
import { imagePinned } from './image-pinned';
import { inputInvalid } from './input-invalid';
import { localBuildDockerfile } from './local-build-dockerfile';
import { logging } from './logging';
import { noPrivilegeEscalation } from './no-privilege-escalation';
import { nonRootUser } from './non-root-user';
import { notPrivileged } from './not-privileged';
import { procMount } from './proc-mount';
import { publicIp } from './public-ip';
import { readOnlyRoot } from './read-only-root';
import { seccomp } from './seccomp';
import { secretInEnv } from './secret-in-env';
import { seLinux } from './selinux';
import { shellHealthCheck } from './shell-health-check';
import { suppressionInvalid } from './suppression-invalid';
import { sysctls } from './sysctls';
import { unknownKind } from './unknown-kind';
import { userNumeric } from './user-numeric';
import { volumeTypes } from './volume-types';

export const INPUT_INVALID = 'CDP001';
export const SUPPRESSION_INVALID = 'CDP023';
export const UNKNOWN_KIND = 'CDP103';

/** Every rule, errors (CDP0xx) first, then warnings (CDP1xx). */
export const POSTURE_RULES: readonly PostureRule[] = [
  inputInvalid,
  readOnlyRoot,
  nonRootUser,
  notPrivileged,
  noPrivilegeEscalation,
  capabilities,
  seccomp,
  hostNamespaces,
  hostPorts,
  hostPathVolumes,
  hostProcess,
  appArmor,
  seLinux,
  procMount,
  sysctls,
  volumeTypes,
  shellHealthCheck,
  logging,
  secretInEnv,
  publicIp,
  imagePinned,
  localBuildDockerfile,
  suppressionInvalid,
  userNumeric,
  imageDigest,
  unknownKind,
  dockerfileWarnings,
];

/** Relaxation controls the workload layer records (`Relaxation.control`). */
export const RELAXATION_CONTROLS: readonly string[] = POSTURE_RULES.map(r => r.info.relaxationControl).filter((c): c is string => !!c);
