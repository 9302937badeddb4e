// Test support for the container project: is a Docker engine with the mock image there, and
// removing the containers testcontainers leaves when ryuk cannot run. Never shipped.
import { getContainerRuntimeClient, ImageName } from 'testcontainers';

/** The image the container tests run; DUTYCLAIMS_MOCK_IMAGE points them at another build. */
export const mockImage = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  env.DUTYCLAIMS_MOCK_IMAGE || 'dutyclaims/reference-mock:local';

/** The label testcontainers puts on every container it creates. */
export const TESTCONTAINERS_LABEL = 'org.testcontainers=true';

const HOW_TO = 'start dockerd (.ci/docker/start-engine.sh), then run npm run mock:image (see docs/container.md)';

/** Why the container tests cannot run here, or null when the engine answers and has the image. */
export async function dockerUnavailableReason(image: string): Promise<string | null> {
  let client: Awaited<ReturnType<typeof getContainerRuntimeClient>>;
  try {
    client = await getContainerRuntimeClient();
  } catch {
    const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : '/var/run/docker.sock';
    return `no Docker engine at ${where}: ${HOW_TO}`;
  }
  try {
    if (!(await client.image.exists(ImageName.fromString(image))))
      return `the image ${image} is not in the Docker engine: run npm run mock:image (see docs/container.md)`;
  } catch (error) {
    return `the Docker engine did not answer an image lookup (${(error as Error).message}): ${HOW_TO}`;
  }
  return null;
}

/** Force-removes every container labelled org.testcontainers=true; returns their short ids. */
export async function removeTestcontainers(): Promise<string[]> {
  const client = await getContainerRuntimeClient();
  const leftovers = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [TESTCONTAINERS_LABEL] },
  });
  await Promise.all(leftovers.map((info) => client.container.getById(info.Id).remove({ force: true })));
  return leftovers.map((info) => info.Id.slice(0, 12));
}

/** True while a container with this id exists in the engine (running or not). */
export async function containerExists(id: string): Promise<boolean> {
  const client = await getContainerRuntimeClient();
  try {
    await client.container.getById(id).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}
