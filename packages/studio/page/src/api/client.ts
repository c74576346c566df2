/** Calls to Studio's server: every request carries the run's token, from the page's meta tag. */
import type {
  CheckView,
  ConfigProblemView,
  ConfigView,
  DiscoverView,
  FileView,
  InterpolateRequest,
  InterpolateView,
  JsonObject,
  ManifestValidation,
  ManifestView,
  ProjectView,
  ReadRequest,
  ReadRunView,
  SaveConfigResponse,
  SpecView,
  StudioEvent,
} from '../../../src/api/types.js';

const token = document.querySelector<HTMLMetaElement>('meta[name="studio-token"]')?.content ?? '';

/** An error answer of the server, with its message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { 'x-studio-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('content-type') ?? '';
  const answer = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok)
    throw new ApiFailure(response.status, typeof answer === 'object' && answer !== null ? String(answer.error) : String(answer));
  return answer as T;
}

export const api = {
  project: () => call<ProjectView>('GET', '/api/project'),
  spec: () => call<SpecView>('GET', '/api/spec'),
  config: () => call<ConfigView>('GET', '/api/config'),
  saveConfig: (config: JsonObject) => call<SaveConfigResponse>('PUT', '/api/config', { config }),
  validateConfig: (config: JsonObject) => call<{ problems: ConfigProblemView[] }>('POST', '/api/config/validate', { config }),
  check: () => call<CheckView>('POST', '/api/check'),
  discover: () => call<DiscoverView>('POST', '/api/discover'),
  read: (request: ReadRequest) => call<ReadRunView>('POST', '/api/read', request),
  cancelRead: () => call<{ cancelled: boolean }>('POST', '/api/read/cancel'),
  body: (run: string, body: string) => call<string>('GET', `/api/runs/${run}/bodies/${body}`),
  writeSchema: (stream: string, schema: JsonObject) =>
    call<{ path: string }>('PUT', `/api/schemas/${encodeURIComponent(stream)}`, { schema }),
  file: (path: string) => call<FileView>('GET', `/api/files?path=${encodeURIComponent(path)}`),
  manifest: () => call<ManifestView>('GET', '/api/manifest'),
  validateManifest: (text: string) => call<ManifestValidation>('POST', '/api/manifest/validate', { text }),
  saveManifest: (text: string) => call<ManifestValidation>('PUT', '/api/manifest', { text }),
  interpolate: (request: InterpolateRequest) => call<InterpolateView>('POST', '/api/interpolate', request),
};

/** Subscribes to the server's events; returns the unsubscribe. */
export function onStudioEvent(listener: (event: StudioEvent) => void): () => void {
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  source.onmessage = (message) => listener(JSON.parse(message.data) as StudioEvent);
  return () => source.close();
}

export type * from '../../../src/api/types.js';
export { SAVED_SECRET } from '../../../src/api/types.js';
