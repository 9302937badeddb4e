import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../../contract/package-root.js';
import { assembleMockImageContext } from '../../mock-image/build-context.js';
import { isMockImageError } from '../../mock-image/errors.js';
import {
  buildArguments,
  DEFAULT_MOCK_IMAGE_BUILD_OPTIONS as D,
  mockImageTags,
  resolveMockImageBuildOptions,
} from '../../mock-image/options.js';
import { runBuilder } from '../../mock-image/run-builder.js';
import type { CliIo } from '../cli-io.js';
import { ExitCode, UsageError } from '../usage-error.js';

export const mockImageUsage = `Usage: dutyclaims-launch mock-image build [--base ${D.base}] [--image ${D.image}] [--builder docker]
                                    [--context-only DIR] [--json]

Builds the reference mock's image from this installed package (no clone, no registry access beyond
pulling the base image), tagged <image>:<package version> and <image>:local. ReferenceMockContainer
starts ${D.image}:local by default.

  --base IMAGE        any image with node >= 20.19 on PATH (default ${D.base}, or DUTYCLAIMS_BASE_IMAGE)
  --image NAME        image name without tag (default ${D.image}, or DUTYCLAIMS_MOCK_IMAGE)
  --builder CMD       a docker-compatible command, e.g. podman (default docker)
  --context-only DIR  write the build context (Dockerfile included) to DIR and print the build command
                      instead of running it, for another builder (buildah, kaniko, a CI step)
  --json              one JSON object on stdout: image tags, base, context and dependencies`;

/** `mock-image build`: the reference-mock image from the installed package. */
export async function runMockImageCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      image: { type: 'string' },
      builder: { type: 'string' },
      'context-only': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(mockImageUsage);
    return ExitCode.ok;
  }
  if (positionals[0] !== 'build' || positionals.length > 1)
    throw new UsageError(
      `Unknown mock-image subcommand "${positionals.join(' ')}". The subcommand is "build".\n\n${mockImageUsage}`,
    );
  for (const name of ['base', 'image', 'builder', 'context-only'] as const)
    if (values[name] !== undefined && values[name].trim() === '')
      throw new UsageError(`--${name} needs a value; see \`dutyclaims-launch mock-image --help\`.`);
  const options = resolveMockImageBuildOptions(
    {
      ...(values.base === undefined ? {} : { base: values.base }),
      ...(values.image === undefined ? {} : { image: values.image }),
      ...(values.builder === undefined ? {} : { builder: values.builder }),
    },
    io.env ?? process.env,
  );
  const contextOnly = values['context-only'] === undefined ? undefined : resolve(values['context-only']);
  const dir = contextOnly ?? mkdtempSync(join(tmpdir(), 'dutyclaims-mock-image-'));
  const progress = values.json ? io.err : io.out;
  try {
    const context = assembleMockImageContext(packageRoot(), dir);
    const args = buildArguments(options, context);
    const tags = mockImageTags(options.image, context.version);
    const summary = { tags, base: options.base, builder: options.builder, dependencies: context.dependencies };
    if (contextOnly !== undefined) {
      const command = [options.builder, ...args].map(quote).join(' ');
      if (values.json) io.out(JSON.stringify({ built: false, context: dir, command, ...summary }));
      else io.out(`mock-image: wrote the build context to ${dir}\nBuild it with:\n  ${command}`);
      return ExitCode.ok;
    }
    progress(`mock-image: building ${tags.join(' and ')} from ${options.base} with ${options.builder}`);
    const code = await runBuilder(options.builder, args, io.env ?? process.env, io.err);
    if (code !== 0) {
      io.err(`mock-image: ${options.builder} build exited ${code} (output above); no image was tagged.`);
      return ExitCode.failed;
    }
    if (values.json) io.out(JSON.stringify({ built: true, ...summary }));
    else io.out(`mock-image: built ${tags.join(' and ')}. Start it with new ReferenceMockContainer().start().`);
    return ExitCode.ok;
  } catch (error) {
    if (!isMockImageError(error)) throw error;
    io.err(`mock-image: ${error.message} (${error.code})`);
    return error.code === 'MOCK_IMAGE_ERR_NO_BUILDER' || error.code === 'MOCK_IMAGE_ERR_CONTEXT_DIR'
      ? ExitCode.usage
      : ExitCode.failed;
  } finally {
    if (contextOnly === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** Shell-quotes an argument that needs it, so the printed command can be pasted. */
const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
