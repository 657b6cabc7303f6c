import * as fs from 'fs';
import * as path from 'path';
import { Stage } from './plan';
import { BaseImage } from '../../image';

/** Where the final image holds the probe; `HealthCheck.PROBE_PATH` states the same path. */
export const PROBE_PATH = '/cdk-distroless/probe';
/** Where the generator puts the probe's source in the build context. */
export const PROBE_SOURCE = '.cdk-distroless/probe.c';
export const PROBE_STAGE = 'probe';

/** The probe's C source, shipped in the package next to the generator (lib/dockerfile/probe/probe.c). */
export const PROBE_SOURCE_FILE = path.join(__dirname, '..', 'probe', 'probe.c');

/**
 * Static and stripped, with unused sections dropped: about 0.7 MB with glibc. The probe takes only
 * numeric addresses (no getaddrinfo), so static glibc needs no NSS at run time.
 */
export const PROBE_CFLAGS = '-static -Os -s -ffunction-sections -fdata-sections -Wl,--gc-sections';

let source: string | undefined;

/** The probe's source text, read once. */
export function probeSource(): string {
  if (source === undefined) {
    try {
      source = fs.readFileSync(PROBE_SOURCE_FILE, 'utf8');
    } catch (e) {
      throw new Error(`DistrolessDockerfile: healthProbe needs the probe's source ${PROBE_SOURCE_FILE}, which cannot be read (${(e as Error).message}). `
        + 'The cdk-distroless package is incomplete: reinstall it.');
    }
  }
  return source;
}

/** The stage that compiles the probe on a C toolchain image; it depends on the probe's source alone. */
export function probeStage(image: BaseImage): Stage {
  return {
    name: PROBE_STAGE,
    image,
    lines: [
      `# The health probe (${PROBE_PATH}): HTTP, TCP and gRPC checks without a shell, static so it runs on any base.`,
      `COPY ${PROBE_SOURCE} /src/probe.c`,
      `RUN mkdir -p /out && gcc ${PROBE_CFLAGS} -o /out/probe /src/probe.c \\\n    && /out/probe --help >/dev/null`,
    ],
  };
}
