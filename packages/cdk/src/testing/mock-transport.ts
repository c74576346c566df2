import { type Dispatcher, MockAgent } from 'undici';
import { setDefaultDispatcher } from '../runtime.js';
import { type DispatchedRequest, type SeenRequest, seenRequest } from './http-request.js';

/** A response to send back. */
export interface TransportReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

let claimed = false;

/**
 * Makes `dispatcher` the one every `HttpClient` without a dispatcher of its own uses
 * (`setDefaultDispatcher`), for one mock, replay or recording at a time; returns the release.
 */
export function claimDefaultDispatcher(dispatcher: Dispatcher): () => void {
  if (claimed) {
    throw new Error('Another HTTP mock or fixture is active in this process; close it (await mock.close()) before starting a new one');
  }
  claimed = true;
  setDefaultDispatcher(dispatcher);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    claimed = false;
    setDefaultDispatcher(undefined);
  };
}

/**
 * undici's `MockAgent`, installed as the default dispatcher, with one catch-all interceptor that
 * hands each request to a function: the HTTP mock and fixture replay are both built on it. No
 * request reaches the network while it is installed.
 */
export class MockTransport {
  private closed = false;

  private constructor(
    private readonly agent: MockAgent,
    private readonly release: () => void,
  ) {}

  static install(respond: (request: SeenRequest) => TransportReply): MockTransport {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get(() => true)
      .intercept({ path: () => true, method: () => true })
      .reply((options) => {
        let reply: TransportReply;
        try {
          reply = respond(seenRequest(options as unknown as DispatchedRequest));
        } catch (error) {
          // A 400 fails the request at once; a thrown error would look like a network failure and be retried.
          reply = refusal(`The HTTP mock failed: ${(error as Error).message}`);
        }
        return { statusCode: reply.status, data: toBuffer(reply.body), responseOptions: { headers: reply.headers ?? {} } };
      })
      .persist();
    return new MockTransport(agent, claimDefaultDispatcher(agent));
  }

  /** The mock dispatcher, for an `HttpClient` built with its own `dispatcher` option. */
  get dispatcher(): Dispatcher {
    return this.agent;
  }

  /** Restores the default dispatcher and closes the mock agent; safe to call twice. */
  async uninstall(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.release();
    await this.agent.close();
  }
}

/**
 * The answer to a request the test did not expect: HTTP 400, which the CDK fails at once without
 * retrying (a network error would be retried with backoff), with the reason in the body so it
 * shows in the stream's TRACE error. The mock's `verify()` reports the request too.
 */
export function refusal(message: string): TransportReply {
  return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: message }) };
}

function toBuffer(body: string | Uint8Array | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}
