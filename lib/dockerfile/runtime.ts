import { cppRuntime } from './private/cpp';
import { dotnetRuntime } from './private/dotnet';
import { show } from './private/escape';
import { goRuntime } from './private/go';
import { javaJarRuntime, javaJlinkRuntime } from './private/java';
import { nodejsRuntime } from './private/nodejs';
import { RuntimeImpl } from './private/plan';
import { pythonRuntime } from './private/python';
import { rustRuntime } from './private/rust';
import { staticBinaryRuntime } from './private/static-binary';
import {
  CppRuntimeOptions, DotnetRuntimeOptions, GoRuntimeOptions, JavaJarRuntimeOptions, JavaJlinkRuntimeOptions,
  NodejsRuntimeOptions, PythonRuntimeOptions, RustRuntimeOptions, StaticBinaryRuntimeOptions,
} from './runtime-options';
import { BaseImage, Libc } from '../image';

/**
 * How an application is built and run: the build stages, the final base image it needs and
 * how the final image starts it. Every factory works without options.
 *
 * @example
 * new DistrolessDockerfile({ runtime: Runtime.go({ packagePath: './cmd/server' }) });
 */
export class Runtime {
  /** Go: `golang` build stage; a static binary on `distroless/static` (cgo: on `distroless/base`). */
  public static go(options: GoRuntimeOptions = {}): Runtime {
    return new Runtime('go', goRuntime(options ?? {}));
  }

  /** Rust: `rust` build stage; a glibc binary on `distroless/cc` (musl: a static binary on `distroless/static`). */
  public static rust(options: RustRuntimeOptions = {}): Runtime {
    return new Runtime('rust', rustRuntime(options ?? {}));
  }

  /** Node.js: `npm ci` in a `node` build stage; the script runs on `distroless/nodejs`. */
  public static nodejs(options: NodejsRuntimeOptions = {}): Runtime {
    return new Runtime('nodejs', nodejsRuntime(options ?? {}));
  }

  /** Python: `pip install --target` in a `python` build stage (same minor version); the script runs on `distroless/python3`. */
  public static python(options: PythonRuntimeOptions = {}): Runtime {
    return new Runtime('python', pythonRuntime(options ?? {}));
  }

  /** Java: a jar built with Maven (default), Gradle or javac, or prebuilt; runs with `java -jar` on `distroless/java`. */
  public static javaJar(options: JavaJarRuntimeOptions = {}): Runtime {
    return new Runtime('java-jar', javaJarRuntime(options ?? {}));
  }

  /** Java: a jar plus a jlink runtime from a Corretto or Liberica JDK, on `distroless/java-base`. */
  public static javaJlink(options: JavaJlinkRuntimeOptions = {}): Runtime {
    return new Runtime('java-jlink', javaJlinkRuntime(options ?? {}));
  }

  /** .NET: `dotnet restore` and `publish` in the SDK image; runs on Microsoft's chiseled ASP.NET Core (default) or .NET runtime. */
  public static dotnet(options: DotnetRuntimeOptions = {}): Runtime {
    return new Runtime('dotnet', dotnetRuntime(options ?? {}));
  }

  /** C and C++: make (default) or cmake in the `gcc` image; runs on `distroless/cc` (static: on `distroless/static`). */
  public static cpp(options: CppRuntimeOptions = {}): Runtime {
    return new Runtime('cpp', cppRuntime(options ?? {}));
  }

  /** A statically linked binary from the build context, on `distroless/static` (or scratch via `baseImage`). */
  public static staticBinary(options: StaticBinaryRuntimeOptions = {}): Runtime {
    return new Runtime('static-binary', staticBinaryRuntime(options ?? {}));
  }

  /** Whether a value is a Runtime (also across copies of this library). */
  public static isRuntime(x: unknown): x is Runtime {
    return x instanceof Runtime || (typeof x === 'object' && x !== null && typeof (x as Runtime)._impl === 'object' && typeof (x as Runtime).name === 'string');
  }

  /** Runtime name: `go`, `rust`, `nodejs`, `python`, `java-jar`, `java-jlink`, `dotnet`, `cpp` or `static-binary`. */
  public readonly name: string;

  /** The final base image used when `DistrolessDockerfile` gets no `baseImage`. */
  public readonly defaultFinalImage: BaseImage;

  /** Whether the application links no C library, so it also runs on `distroless/static` and scratch. */
  public readonly isStatic: boolean;

  /** @internal */
  public readonly _impl: RuntimeImpl;

  private constructor(name: string, impl: RuntimeImpl) {
    this.name = name;
    this._impl = impl;
    this.defaultFinalImage = impl.defaultFinalImage();
    this.isStatic = impl.requirements.libc === Libc.NONE;
  }

  /** The runtime name. */
  public toString(): string {
    return this.name;
  }
}

/** @internal */
export function _checkRuntime(value: unknown, what: string): Runtime {
  if (!Runtime.isRuntime(value)) {
    throw new Error(`${what} must be a Runtime from one of its factories (e.g. Runtime.go()), got ${show(value)}.`);
  }
  return value;
}
