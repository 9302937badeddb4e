/** What a caller may pass to the mock-image build; every field has a default. */
export interface MockImageBuildOptions {
  /** Any image with `node` (>= 20.19) on PATH. */
  readonly base?: string;
  /** Image name without tag; tagged `:<package version>` and `:local`. */
  readonly image?: string;
  /** The command that builds: `docker`, or a compatible one such as `podman`. */
  readonly builder?: string;
}

export interface ResolvedMockImageBuildOptions {
  readonly base: string;
  readonly image: string;
  readonly builder: string;
}

/**
 * Every default of the mock-image build, in one place. The base is the current Node LTS image;
 * `image` is what `ReferenceMockContainer` starts by default (`dutyclaims/reference-mock:local`).
 */
export const DEFAULT_MOCK_IMAGE_BUILD_OPTIONS: ResolvedMockImageBuildOptions = Object.freeze({
  base: 'node:24-slim',
  image: 'dutyclaims/reference-mock',
  builder: 'docker',
});

/** Options given, else the environment (DUTYCLAIMS_BASE_IMAGE, DUTYCLAIMS_MOCK_IMAGE), else the defaults. */
export function resolveMockImageBuildOptions(
  given: MockImageBuildOptions,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedMockImageBuildOptions {
  const D = DEFAULT_MOCK_IMAGE_BUILD_OPTIONS;
  return {
    base: given.base || env.DUTYCLAIMS_BASE_IMAGE || D.base,
    image: given.image || env.DUTYCLAIMS_MOCK_IMAGE || D.image,
    builder: given.builder || D.builder,
  };
}

/** The tags one build gets: the package version, and `local` (the container's default tag). */
export const mockImageTags = (image: string, version: string): string[] => [`${image}:${version}`, `${image}:local`];

/** The builder's arguments for a context assembled by `assembleMockImageContext`. */
export function buildArguments(
  options: ResolvedMockImageBuildOptions,
  context: { readonly dir: string; readonly dockerfile: string; readonly version: string },
): string[] {
  return [
    'build',
    '--file',
    context.dockerfile,
    '--build-arg',
    `BASE_IMAGE=${options.base}`,
    '--build-arg',
    `VERSION=${context.version}`,
    ...mockImageTags(options.image, context.version).flatMap((tag) => ['--tag', tag]),
    context.dir,
  ];
}
