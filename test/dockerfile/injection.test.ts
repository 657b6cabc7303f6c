// No prop may add, remove or reshape an instruction. Values that can be escaped are escaped and
// read back unchanged (checked by parsing the output as Docker and as dockerfile-ast do); values
// that cannot are rejected with an error naming the prop.
import { DockerfileParser, Env, Label } from 'dockerfile-ast';
import * as fc from 'fast-check';
import { astKeywords, dockerInstructions, envOf, execForm, labelsOf } from './parse';
import { DistrolessDockerfile, DistrolessDockerfileProps, JavaBuild, Runtime } from '../../lib/dockerfile';
import { BaseImage, Libc, RegistryMirror } from '../../lib/image';

function render(props: Partial<DistrolessDockerfileProps> = {}): string {
  return new DistrolessDockerfile({ runtime: Runtime.nodejs(), ...props }).render();
}

function keywords(text: string): string[] {
  return dockerInstructions(text).map(i => i.keyword);
}

/** Renders with a harmless value and with the attack, and asserts both parsers see the same instructions. */
function expectSameShape(benign: Partial<DistrolessDockerfileProps>, attack: Partial<DistrolessDockerfileProps>): string {
  const expected = render(benign);
  const actual = render(attack);
  expect(keywords(actual)).toEqual(keywords(expected));
  expect(astKeywords(actual)).toEqual(astKeywords(expected));
  return actual;
}

/** Strings that try to end a line, continue one, close a quote, expand a variable or hide text. */
const ESCAPABLE = [
  '"; RUN echo pwned; echo "',
  'value\\',
  'trailing backslash \\\\',
  '\\"',
  '$(id)',
  '`id`',
  '${HOME}',
  '$HOME',
  '${X:-$(reboot)}',
  '# comment?',
  '\'single\' "double"',
  'a=b c=d',
  '[ "json", "like" ]',
  'ünïcödé ✓ 日本',
  '',
  ' leading and trailing spaces ',
];

/** Characters that end a line for some parser, or that no quoted word can hold. */
const UNESCAPABLE: Array<[string, string]> = [
  ['a line feed', 'x\nRUN echo pwned'],
  ['a carriage return', 'x\rRUN echo pwned'],
  ['CRLF', 'x\r\nRUN echo pwned'],
  ['a line continuation and line feed', 'x \\\nRUN echo pwned'],
  ['NUL', 'x\u0000y'],
  ['a tab', 'x\ty'],
  ['a vertical tab', 'x\u000by'],
  ['a form feed', 'x\u000cy'],
  ['NEL (U+0085)', 'x\u0085RUN y'],
  ['LINE SEPARATOR (U+2028)', 'x\u2028RUN y'],
  ['PARAGRAPH SEPARATOR (U+2029)', 'x\u2029RUN y'],
  ['a bidi override (U+202E)', 'x\u202ey'],
  ['a bidi isolate (U+2066)', 'x\u2066y'],
  ['DEL', 'x\u007fy'],
  ['an escape sequence', 'x\u001b[2Jy'],
];

describe('ENV values are quoted and escaped', () => {
  test.each(ESCAPABLE)('%j reads back unchanged and adds no instruction', value => {
    const text = expectSameShape({ environment: { APP_VALUE: 'x' } }, { environment: { APP_VALUE: value } });
    expect(envOf(text).APP_VALUE).toBe(value);
  });

  // dockerfile-ast keeps "\$" as written (so its variable resolver knows it is no variable); Docker reads "$".
  test('dockerfile-ast reads the same escaped value, with "$" still marked as escaped', () => {
    const value = '"quoted" $HOME ${X} \\ end\\';
    const text = render({ environment: { APP_VALUE: value } });
    const env = DockerfileParser.parse(text).getInstructions().filter((i): i is Env => i instanceof Env)
      .flatMap(e => e.getProperties()).find(p => p.getName() === 'APP_VALUE')!;
    expect(env.getValue()).toBe(value.replace(/\$/g, '\\$'));
  });

  test.each(UNESCAPABLE)('fails if an environment value contains %s', (_what, value) => {
    expect(() => render({ environment: { APP_VALUE: value } }))
      .toThrow(/DistrolessDockerfile: environment\["APP_VALUE"\] .* contains the control or line-break character/);
  });

  test.each(['A\nRUN x', 'A B', 'A=B', '$A', 'A"', 'A\u2028B', ''])('fails if an environment name is %j', name => {
    expect(() => render({ environment: { [name]: 'x' } })).toThrow(/DistrolessDockerfile: environment name .* is not allowed/);
  });

  test('any printable string round-trips (property-based)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), value => {
      let text: string;
      try {
        text = render({ environment: { APP_VALUE: value } });
      } catch (e) {
        expect((e as Error).message).toMatch(/contains the control or line-break character/);
        return;
      }
      expect(keywords(text)).toEqual(keywords(render({ environment: { APP_VALUE: 'x' } })));
      expect(envOf(text).APP_VALUE).toBe(value);
    }), { numRuns: 300 });
  });
});

describe('LABEL values, sourceUrl and revision are quoted and escaped', () => {
  test.each(ESCAPABLE)('%j reads back unchanged and adds no instruction', value => {
    const text = expectSameShape(
      { labels: { 'com.example.note': 'x' }, sourceUrl: 'x', revision: 'x' },
      { labels: { 'com.example.note': value }, sourceUrl: value, revision: value },
    );
    const labels = labelsOf(text);
    expect(labels['com.example.note']).toBe(value);
    expect(labels['org.opencontainers.image.source']).toBe(value);
    expect(labels['org.opencontainers.image.revision']).toBe(value);
  });

  test('dockerfile-ast reads the same escaped label, with "$" still marked as escaped', () => {
    const value = 'say "hi" to $USER \\';
    const text = render({ labels: { 'com.example.note': value } });
    const label = DockerfileParser.parse(text).getInstructions().filter((i): i is Label => i instanceof Label)
      .flatMap(l => l.getProperties()).find(p => p.getName() === 'com.example.note')!;
    expect(label.getValue()).toBe(value.replace(/\$/g, '\\$'));
  });

  test.each(UNESCAPABLE)('fails if a label value contains %s', (_what, value) => {
    expect(() => render({ labels: { 'com.example.note': value } })).toThrow(/labels\["com.example.note"\] .* contains the control or line-break character/);
    expect(() => render({ sourceUrl: value })).toThrow(/sourceUrl .* contains the control or line-break character/);
    expect(() => render({ revision: value })).toThrow(/revision .* contains the control or line-break character/);
  });

  test.each(['a\nRUN x', 'a b', 'a="b"', '$x', 'a\\', '-x'])('fails if a label key is %j', key => {
    expect(() => render({ labels: { [key]: 'x' } })).toThrow(/DistrolessDockerfile: labels name .* is not allowed/);
  });
});

describe('CMD arguments are JSON', () => {
  const ATTACKS = [...ESCAPABLE, 'x\nRUN echo pwned', 'x\r\nRUN y', 'x\u2028RUN y', 'x\u2029y', 'x\u0085y', '"]\nRUN y\nCMD ["', '\u202e', 'end\\'];

  test.each(ATTACKS)('%j is one argument and adds no instruction', arg => {
    const text = expectSameShape({ command: ['x'] }, { command: [arg] });
    expect(execForm(text, 'CMD')).toEqual(['/app/index.js', arg]);
    // Nothing outside printable ASCII reaches the file.
    const cmdLine = text.split('\n').find(l => l.startsWith('CMD '))!;
    expect(cmdLine).toMatch(/^[\x20-\x7e]+$/);
  });

  test('dockerfile-ast sees one JSON string per argument', () => {
    const text = render({ command: ['a b', 'c"d', 'e\nf'] });
    const cmd = DockerfileParser.parse(text).getCMDs()[0];
    expect(cmd.getJSONStrings()).toHaveLength(4);
  });

  test('fails if an argument contains NUL', () => {
    expect(() => render({ command: ['a\u0000b'] })).toThrow(/command\[0\] "a\\u0000b" contains a NUL character/);
  });

  test('any string without NUL is one argument (property-based)', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }).filter(s => !s.includes('\u0000')), { maxLength: 4 }), args => {
      const text = render({ command: args });
      expect(keywords(text)).toEqual(keywords(render({ command: ['x'] })));
      expect(execForm(text, 'CMD')).toEqual(['/app/index.js', ...args]);
    }), { numRuns: 300 });
  });
});

describe('paths and names are restricted to a safe charset', () => {
  const PATH_ATTACKS = ['/app\nRUN echo pwned', '/app $HOME', '/app/${X}', '/app/$(id)', '/app"', '/app\\', '/app\u2028x', '/app\u0000', '/app;rm', '/app/*', '/app#x', '/ap p'];

  test.each(PATH_ATTACKS)('fails if workdir is %j', workdir => {
    expect(() => render({ workdir })).toThrow(/DistrolessDockerfile: workdir .* is not allowed: it contains/);
  });

  test.each(PATH_ATTACKS)('fails if a writable path is %j', p => {
    expect(() => render({ writablePaths: [p] })).toThrow(/DistrolessDockerfile: writablePaths\[0\] .* is not allowed/);
  });

  const REL_ATTACKS = ['index.js\nRUN x', 'a b.js', '$(id).js', '${X}', 'a"b', 'a\\b', '-rf', '../x.js', 'x\u2029.js', 'a;b', 'a&&b', 'a|b', 'a>b', '\'a\''];

  test.each(REL_ATTACKS)('fails if a node entry is %j', entry => {
    expect(() => Runtime.nodejs({ entry })).toThrow(/Runtime.nodejs: entry .* is not allowed/);
  });

  test.each(REL_ATTACKS)('fails if a python entry or requirements file is %j', value => {
    expect(() => Runtime.python({ entry: value })).toThrow(/Runtime.python: entry .* is not allowed/);
    expect(() => Runtime.python({ requirementsFile: value })).toThrow(/Runtime.python: requirementsFile .* is not allowed/);
  });

  test.each(REL_ATTACKS)('fails if a jar path, source directory, project file or binary path is %j', value => {
    expect(() => Runtime.javaJar({ jarPath: value })).toThrow(/Runtime.javaJar: jarPath .* is not allowed/);
    expect(() => Runtime.javaJar({ buildTool: JavaBuild.JAVAC, sourceDirectory: value })).toThrow(/sourceDirectory .* is not allowed/);
    expect(() => Runtime.dotnet({ projectFile: value })).toThrow(/Runtime.dotnet: projectFile .* is not allowed/);
    expect(() => Runtime.staticBinary({ binaryPath: value })).toThrow(/Runtime.staticBinary: binaryPath .* is not allowed/);
    expect(() => Runtime.cpp({ binaryName: value })).toThrow(/Runtime.cpp: binaryName .* is not allowed/);
    expect(() => Runtime.go({ packagePath: value })).toThrow(/Runtime.go: packagePath .* is not allowed/);
  });

  test.each(['app\nRUN x', 'a b', 'a/b', '$(id)', '${X}', 'a"', 'a;b', '-x', '', 'a\u2028'])('fails if a binary or assembly name is %j', name => {
    expect(() => Runtime.go({ binaryName: name })).toThrow(/Runtime.go: binaryName .* is not allowed/);
    expect(() => Runtime.rust({ binaryName: name })).toThrow(/Runtime.rust: binaryName .* is not allowed/);
    expect(() => Runtime.dotnet({ assemblyName: name })).toThrow(/Runtime.dotnet: assemblyName .* is not allowed/);
  });

  test.each(['build\nRUN x', 'build && curl evil', 'a b', '$(id)', '-x'])('fails if an npm build script is %j', script => {
    expect(() => Runtime.nodejs({ buildScript: script })).toThrow(/Runtime.nodejs: buildScript .* is not allowed/);
  });

  test.each(['Main\nRUN x', 'a.B;rm', 'a..B', '$Main', 'a B', '1a'])('fails if a main class or module is %j', name => {
    expect(() => Runtime.javaJar({ buildTool: JavaBuild.JAVAC, mainClass: name })).toThrow(/mainClass .* is not allowed/);
    expect(() => Runtime.javaJlink({ modules: ['java.base', name] })).toThrow(/modules\[1\] .* is not allowed/);
  });

  test.each(['1.25\nRUN x', '1.25 ', 'latest', '$(id)', '1.25-trixie'])('fails if a toolchain version is %j', version => {
    expect(() => Runtime.go({ goVersion: version })).toThrow(/Runtime.go: goVersion .* is not a version/);
    expect(() => Runtime.rust({ rustVersion: version })).toThrow(/Runtime.rust: rustVersion .* is not a version/);
    expect(() => Runtime.dotnet({ dotnetVersion: version })).toThrow(/Runtime.dotnet: dotnetVersion .* is not a/);
  });

  test.each(['x\nRUN y', 'x:0:0', 'Root', 'a b', '$(id)'])('fails if the user name for scratch is %j', name => {
    expect(() => new DistrolessDockerfile({ runtime: Runtime.go(), baseImage: BaseImage.scratch(), user: { uid: 1000, gid: 1000, name } }))
      .toThrow(/user.name .* is not a user name/);
  });

  test.each(['/home/x\nRUN y', '/home/$(id)', '/home/a b'])('fails if the user home for scratch is %j', home => {
    expect(() => new DistrolessDockerfile({ runtime: Runtime.go(), baseImage: BaseImage.scratch(), user: { uid: 1000, gid: 1000, home } }))
      .toThrow(/user.home .* is not allowed/);
  });
});

describe('any string in a path prop is rejected or leaves the instructions unchanged (property-based)', () => {
  const pathLike = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 24 }),
    fc.array(fc.constantFrom('/', 'a', '.', '-', '_', '$', '{', '}', '(', ')', '"', '\'', '\\', '\n', '\r', ' ', '*', '#', '\u2028', '[', ']', ':', '='), { maxLength: 16 })
      .map(parts => parts.join('')),
  );
  const shape = (props: Partial<DistrolessDockerfileProps>, runtime: Runtime) =>
    keywords(new DistrolessDockerfile({ runtime, ...props }).render());

  test('workdir and writable paths', () => {
    const baseline = shape({ workdir: '/x', writablePaths: ['/tmp', '/y'] }, Runtime.nodejs());
    fc.assert(fc.property(pathLike, pathLike, (workdir, writable) => {
      let text: string;
      try {
        text = render({ workdir: `/${workdir}`, writablePaths: ['/tmp', `/${writable}`] });
      } catch (e) {
        // Refused as a path, or as a volume over the root, a system directory or the application.
        expect((e as Error).message).toMatch(/DistrolessDockerfile: (workdir|writablePaths\[1\]) .* is not allowed|DistrolessDockerfile: writablePaths ".*" (is|contains|overlaps) /);
        return;
      }
      // Accepted paths may collapse (e.g. "/." is the root and is refused; "/a/" is "/a").
      expect(keywords(text)).toEqual(baseline);
    }), { numRuns: 300 });
  });

  test('entry scripts and binary names', () => {
    const nodeBaseline = shape({}, Runtime.nodejs({ entry: 'x.js' }));
    const goBaseline = shape({}, Runtime.go({ binaryName: 'x', packagePath: './x' }));
    fc.assert(fc.property(pathLike, value => {
      for (const [make, baseline] of [
        [() => Runtime.nodejs({ entry: value }), nodeBaseline],
        [() => Runtime.go({ binaryName: value, packagePath: value }), goBaseline],
      ] as Array<[() => Runtime, string[]]>) {
        let runtime: Runtime;
        try {
          runtime = make();
        } catch (e) {
          expect((e as Error).message).toMatch(/Runtime\.(nodejs|go): (entry|binaryName|packagePath) .* is not allowed/);
          continue;
        }
        expect(shape({}, runtime)).toEqual(baseline);
      }
    }), { numRuns: 300 });
  });
});

describe('ports and image references', () => {
  test.each(['8080\nRUN x', '8080/tcp', '$PORT', 8080.5, NaN, Infinity])('fails if an exposed port is %p', port => {
    expect(() => render({ exposedPorts: [port as number] })).toThrow(/exposedPorts\[0\] .* is not a port/);
  });

  test.each(['mirror.example.com/a\u0000b', 'mirror.example.com/a\u0085b', 'mirror.example.com/a#b', 'mirror.example.com/a;b'])('fails if a mirror prefix is %j', prefix => {
    expect(() => render({ registryMirrors: [RegistryMirror.of('gcr.io', prefix)] })).toThrow(/registryMirrors\[0\].mirrorPrefix .* is not a registry prefix/);
  });

  test('a mirror prefix with a line feed is already refused by RegistryMirror', () => {
    expect(() => RegistryMirror.of('gcr.io', 'mirror.example.com\nRUN x')).toThrow(/is not a registry prefix/);
  });

  test('fails if a custom base image reference would break the FROM line', () => {
    const custom = BaseImage.fromRegistry('evil\u0085.example.com/x:1', {
      libc: Libc.GLIBC, hasShell: false, hasPackageManager: false, runtime: 'nodejs', entrypoint: ['/node'], defaultUser: { uid: 1000, gid: 1000 },
    });
    expect(() => render({ baseImage: custom })).toThrow(/DistrolessDockerfile: baseImage .* cannot be written into FROM/);
  });
});

describe('generated commands carry no user text outside the safe charset', () => {
  test('every line of every runtime\'s Dockerfile is printable ASCII', () => {
    const runtimes = [Runtime.go(), Runtime.rust({ musl: true }), Runtime.nodejs({ buildScript: 'build' }), Runtime.python(), Runtime.javaJar(),
      Runtime.javaJlink(), Runtime.dotnet(), Runtime.cpp({ staticLinking: true }), Runtime.staticBinary()];
    for (const runtime of runtimes) {
      const text = new DistrolessDockerfile({ runtime, buildCaBundle: true, writablePaths: ['/tmp', '/data'], command: ['ü\n'], environment: { A: 'ü' } }).render();
      const notAscii = text.split('\n').filter(line => !/^[\x20-\x7e]*$/.test(line));
      expect(notAscii).toEqual(['ENV A="ü"']);
    }
  });
});
