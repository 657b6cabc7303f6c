import { DistrolessDockerfile, Runtime } from '../lib';

/** A Python queue worker: pip-installed dependencies on PYTHONPATH, a writable scratch directory. */
export function pythonWorker(): DistrolessDockerfile {
  return new DistrolessDockerfile({
    runtime: Runtime.python({ entry: 'worker.py' }),
    command: ['--concurrency', '4'],
    writablePaths: ['/tmp', '/var/lib/worker'],
  });
}
