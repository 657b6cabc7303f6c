/**
 * The rule pack, in id order. Ids are API: never renumber or reuse one; retire a rule by keeping its id out of use.
 * Internal: not exported from lib/index.ts (DockerfilePolicy.rules() exposes the metadata).
 */
import { Rule } from '../rule';
import { addRemoteSource } from './add-remote-source';
import { baseLatestTag } from './base-latest-tag';
import { buildBaseNotPinned } from './build-base-not-pinned';
import { copyFromImageNotPinned } from './copy-from-image-not-pinned';
import { copyShellBinary } from './copy-shell-binary';
import { dockerfileInvalid } from './dockerfile-invalid';
import { finalBaseBuildImage } from './final-base-build-image';
import { finalBaseDebug } from './final-base-debug';
import { finalBaseDeprecated } from './final-base-deprecated';
import { finalBaseHasShell } from './final-base-has-shell';
import { finalBaseNotPinned } from './final-base-not-pinned';
import { finalBaseUnknown } from './final-base-unknown';
import { finalStageRun } from './final-stage-run';
import { finalStageShellForm } from './final-stage-shell-form';
import { finalStageShellInstruction } from './final-stage-shell-instruction';
import { finalStageStartsShell } from './final-stage-starts-shell';
import { finalUserRoot } from './final-user-root';
import { secretInArgEnv } from './secret-in-arg-env';
import { suppressionInvalid } from './suppression-invalid';
import { userImplicit } from './user-implicit';
import { userNotNumeric } from './user-not-numeric';

export { SUPPRESSION_INVALID_ID } from './suppression-invalid';

/** Every rule, errors (CDL0xx) first, then warnings (CDL1xx). */
export const RULES: readonly Rule[] = [
  dockerfileInvalid,
  finalBaseUnknown,
  finalBaseBuildImage,
  finalBaseDebug,
  finalStageRun,
  finalStageShellForm,
  finalStageShellInstruction,
  finalStageStartsShell,
  finalUserRoot,
  addRemoteSource,
  secretInArgEnv,
  suppressionInvalid,
  copyShellBinary,
  finalBaseNotPinned,
  buildBaseNotPinned,
  baseLatestTag,
  userNotNumeric,
  userImplicit,
  finalBaseHasShell,
  copyFromImageNotPinned,
  finalBaseDeprecated,
];
