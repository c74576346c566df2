import { Agent, type Dispatcher } from 'undici';
import { claimDefaultDispatcher } from './mock-transport.js';
import { type Exchange, RecordingDispatcher } from './recording-dispatcher.js';

/**
 * Reports every HTTP request the connectors of this process send, with its response or the error
 * that ended it, as it completes: requests go to the network as usual, through the default
 * dispatcher (see `recordHttp`). Stop it to restore the default dispatcher.
 */
export class HttpRecorder {
  private stopped = false;

  private constructor(
    private readonly agent: Agent,
    private readonly release: () => void,
  ) {}

  /** @internal */
  static start(onExchange: (exchange: Exchange) => void, options: { agent?: Agent.Options }): HttpRecorder {
    const agent = new Agent(options.agent);
    const release = claimDefaultDispatcher(new RecordingDispatcher(agent, onExchange) as Dispatcher);
    return new HttpRecorder(agent, release);
  }

  /** Restores the default dispatcher and closes the connections; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.release();
    await this.agent.close();
  }
}

/**
 * Starts reporting the HTTP exchanges of every `HttpClient` that has no dispatcher of its own
 * (every `HttpStream`'s, unless it sets one): each request (method, URL, headers, body as sent,
 * secrets included: mask before showing it) with its decoded response, or the error that ended
 * it, and its timing. `onExchange` is called when the response body is complete, before the
 * stream sees the response, so in a read it comes before the page's `ReadObserver.pageReceived`.
 * Like `mockHttp` and `useHttpFixture`, one at a time per process.
 */
export function recordHttp(onExchange: (exchange: Exchange) => void, options: { agent?: Agent.Options } = {}): HttpRecorder {
  return HttpRecorder.start(onExchange, options);
}
